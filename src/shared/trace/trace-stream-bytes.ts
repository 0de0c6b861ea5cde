import { Gunzip } from 'fflate';
import type { ReadTraceResult } from './read-trace';
import { MAX_STREAM_LINE_CHARS, TraceStreamReader, type StreamKeep } from './read-trace-stream';
import { looksLikeTraceStream } from './trace-stream';

// Both the page and Node have TextDecoder; this folder is typed without either environment.
declare const TextDecoder: new () => { decode(bytes?: Uint8Array, options?: { stream: boolean }): string };

/** gzip is inflated in slices this big (as readTraceBytes). */
const SLICE = 64 * 1024;

/**
 * A streamed trace's gzip bytes, pushed slice by slice, read line by line
 * (TraceStreamReader): neither the file nor its text is ever held whole, so a
 * streamed trace of any length opens, its records kept up to TRACE_LIMITS. A
 * file cut or damaged mid-member opens up to its last whole line.
 */
export class TraceStreamBytesReader {
  private readonly reader: TraceStreamReader;
  private readonly decoder = new TextDecoder();
  private pending = '';
  private stopped = false;
  private tooLong = false;
  private readonly gunzip = new Gunzip((data) => this.text(this.decoder.decode(data, { stream: true })));

  constructor(keep?: StreamKeep) {
    this.reader = new TraceStreamReader(keep);
  }

  private text(text: string): void {
    if (this.stopped) return;
    let at = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', at)) {
      const line = this.pending + text.slice(at, nl);
      this.pending = '';
      at = nl + 1;
      if (!this.reader.line(line)) return void (this.stopped = true);
    }
    this.pending += text.slice(at);
    // A line that never ends is not held without bound: the reader judges it when it passes the limit.
    if (this.pending.length > MAX_STREAM_LINE_CHARS) {
      this.tooLong = true;
      this.stopped = true;
    }
  }

  /** The next bytes of the file; `final` with the last. Damage in the gzip data ends the reading there (a cut file). */
  push(bytes: Uint8Array, final: boolean): void {
    try {
      for (let at = 0; at < bytes.length && !this.stopped; at += SLICE) {
        const end = Math.min(bytes.length, at + SLICE);
        this.gunzip.push(bytes.subarray(at, end), final && end === bytes.length);
      }
      if (final && bytes.length === 0) this.gunzip.push(new Uint8Array(0), true);
    } catch {
      this.stopped = true; // cut or damaged gzip: what inflated before is read
    }
  }

  result(): ReadTraceResult {
    if (this.tooLong) this.reader.line(this.pending); // judged (and refused) as too long
    return this.reader.result();
  }
}

/** Whether gzip bytes start a streamed trace: the first slice inflated, its header looked at. */
export function startsTraceStream(bytes: Uint8Array): boolean {
  let head = '';
  const decoder = new TextDecoder();
  const gunzip = new Gunzip((data) => (head += decoder.decode(data, { stream: true })));
  try {
    gunzip.push(bytes.subarray(0, Math.min(bytes.length, 4096)), false);
  } catch {
    return false;
  }
  return looksLikeTraceStream(head);
}

/** Reads a whole streamed trace held in memory (the page's File, the bridge) through TraceStreamBytesReader. */
export function readTraceStreamBytes(bytes: Uint8Array): ReadTraceResult {
  const reader = new TraceStreamBytesReader();
  reader.push(bytes, true);
  return reader.result();
}
