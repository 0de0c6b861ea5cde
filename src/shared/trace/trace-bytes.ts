import { Gunzip, gzipSync, strFromU8, strToU8 } from 'fflate';
import { readTraceText, tooLarge, type ReadTraceResult } from './read-trace';
import { TRACE_LIMITS } from './trace-file';
import { looksLikeTraceStream } from './trace-stream';
import { readTraceStreamBytes, startsTraceStream } from './trace-stream-bytes';

/** JSON text longer than this is saved gzip-compressed (`.json.gz`) when the name is Corelanes' to choose. */
export const GZIP_FROM_BYTES = 8 * 1024 * 1024;

/**
 * Input is inflated in slices this big, so a gzip bomb overshoots the bound by
 * at most ~1000x a slice (deflate's best ratio). Smaller slices cost fflate
 * 3x the time (measured: 50 MB of trace JSON in 1.7 s at 16 KiB, 0.54 s at 64 KiB).
 */
const INFLATE_SLICE = 64 * 1024;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

class TooLarge extends Error {}

type Inflated = { ok: true; bytes: Uint8Array; cut: boolean } | { ok: false; error: string };

/**
 * Inflates gzip data (one member or several back to back), stopping as soon
 * as the output passes `maxBytes` (the gzip trailer's size field is not
 * trusted: a bomb lies there). Data that is cut short or damaged still gives
 * what inflated before the damage, with `cut: true`: a streamed trace opens up
 * to its last whole chunk from it.
 */
function inflateBounded(bytes: Uint8Array, maxBytes: number): Inflated & { why?: string } {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const gunzip = new Gunzip((chunk) => {
    total += chunk.length;
    if (total > maxBytes) throw new TooLarge();
    chunks.push(chunk);
  });
  let why: string | undefined;
  try {
    for (let at = 0; at < bytes.length; at += INFLATE_SLICE) {
      const end = Math.min(bytes.length, at + INFLATE_SLICE);
      gunzip.push(bytes.subarray(at, end), end === bytes.length);
    }
  } catch (error) {
    if (error instanceof TooLarge) return { ok: false, error: `This compressed trace inflates to more than ${Math.round(maxBytes / 1024 ** 2)} MB of JSON; Corelanes opens trace files of up to that.` };
    why = error instanceof Error ? error.message : String(error);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { ok: true, bytes: out, cut: why !== undefined, ...(why !== undefined ? { why } : {}) };
}

/** Inflates gzip data within `maxBytes`; an error line when it is too large, cut short or damaged. */
export function gunzipBounded(bytes: Uint8Array, maxBytes: number): { ok: true; bytes: Uint8Array } | { ok: false; error: string } {
  const inflated = inflateBounded(bytes, maxBytes);
  if (!inflated.ok) return inflated;
  if (inflated.cut) return { ok: false, error: `This compressed trace is cut short or damaged (gzip: ${inflated.why ?? 'unknown'}).` };
  return { ok: true, bytes: inflated.bytes };
}

// Both the page and Node have TextDecoder; this folder is typed without either environment.
declare const TextDecoder: (new () => { decode(bytes: Uint8Array): string }) | undefined;

/** UTF-8 to text: the platform's decoder (4x fflate's strFromU8 on a 118 MB trace here), else fflate's. */
function decodeUtf8(bytes: Uint8Array): string {
  return typeof TextDecoder === 'function' ? new TextDecoder().decode(bytes) : strFromU8(bytes);
}

/**
 * Reads a trace file's bytes, plain JSON or gzip (told by its first bytes, not
 * its name), within TRACE_LIMITS. The one reader of the CLI, the web page and
 * Electron's window. Never throws.
 */
export function readTraceBytes(bytes: Uint8Array): ReadTraceResult {
  if (bytes.length > TRACE_LIMITS.maxFileBytes) return { ok: false, error: tooLarge('This file', bytes.length, TRACE_LIMITS.maxFileBytes) };
  let json = bytes;
  // A streamed trace is read line by line, never as one text, so its length is bounded by the records kept, not the JSON limit.
  if (isGzip(bytes) && startsTraceStream(bytes)) return readTraceStreamBytes(bytes);
  if (isGzip(bytes)) {
    const inflated = inflateBounded(bytes, TRACE_LIMITS.maxJsonBytes);
    if (!inflated.ok) return inflated;
    // A streamed trace cut mid-member opens up to its last whole line; a single document cut short cannot.
    if (inflated.cut && !looksLikeTraceStream(decodeUtf8(inflated.bytes.subarray(0, 200)))) {
      return { ok: false, error: `This compressed trace is cut short or damaged (gzip: ${inflated.why ?? 'unknown'}).` };
    }
    json = inflated.bytes;
  } else if (bytes.length > TRACE_LIMITS.maxJsonBytes) {
    return { ok: false, error: tooLarge('This file', bytes.length, TRACE_LIMITS.maxJsonBytes) };
  }
  const text = decodeUtf8(json);
  return readTraceText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

/** The bytes of a trace file: its JSON text, gzip-compressed when asked. */
export function encodeTraceText(text: string, gzip: boolean): Uint8Array<ArrayBuffer> {
  const bytes = strToU8(text);
  return gzip ? gzipSync(bytes, { level: 6 }) : bytes;
}
