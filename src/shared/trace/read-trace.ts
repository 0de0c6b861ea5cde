import type { z } from 'zod';
import { scanJson } from './json-scan';
import { readTraceStreamText } from './read-trace-stream';
import { looksLikeTraceStream } from './trace-stream';
import { checkTraceConsistency } from './trace-consistency';
import { TRACE_ARRAYS, TRACE_FORMAT, TRACE_LIMITS, TRACE_VERSION, TraceHeaderSchema, type Trace } from './trace-file';

/** `notice`: the trace opened, but not whole (a streamed trace cut mid-run): where it ends, for the reader to show. */
export type ReadTraceResult = { ok: true; trace: Trace; notice?: string } | { ok: false; error: string };

const OPEN_HINT = 'Open a trace saved by Corelanes (corelanes run --out trace.json, or Save trace).';
const fail = (error: string): ReadTraceResult => ({ ok: false, error });
const claims = (n: number, noun: string, max: number) => `This trace claims ${n.toLocaleString('en-US')} ${noun}; Corelanes opens traces of up to ${max.toLocaleString('en-US')}.`;

/** A trace nests about 6 deep (a verdict's measures); JSON far deeper is not one, and costs stack to walk. */
const MAX_JSON_DEPTH = 64;
/** No list in a trace is longer than the longest record list. */
const MAX_ANY_ARRAY = Math.max(...Object.values(TRACE_ARRAYS).map((a) => a.max));

/**
 * Version 1 had no annotations; nothing else changed. A migration takes the
 * parsed JSON of one version to the next, before any validation.
 */
const MIGRATIONS: Record<number, (json: Record<string, unknown>) => Record<string, unknown>> = {
  1: (json) => ({ ...json, version: 2, annotations: [] }),
};

/** A short, safe picture of a bad value for an error line. */
function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 24 ? `${value.slice(0, 24)}…` : value)}`;
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : String(value);
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

/** One line naming the first damaged field and what it holds. */
function damaged(root: unknown, prefix: readonly PropertyKey[], error: z.ZodError): string {
  const issue = error.issues[0];
  const path = [...prefix, ...(issue?.path ?? [])];
  const where = path.length ? pathText(path) : 'the file';
  const expected = issue && 'expected' in issue && typeof issue.expected === 'string' ? `; expected a ${issue.expected}` : '';
  return `This Corelanes trace is damaged: ${where} has a wrong or missing value (it holds ${shown(valueAt(root, path))}${expected}).`;
}

/**
 * Validates a parsed trace file and, when it is not one, says why in one line
 * a user can act on (not zod's wording): not a Corelanes trace at all, a
 * version this build does not read, more records than it opens, the first
 * damaged field by its path, or records that contradict each other. An older
 * version is migrated first. Arrays are checked for size before any element,
 * and element by element with a stop at the first bad one, so a huge damaged
 * file costs one error, not one per record.
 */
export function readTrace(json: unknown): ReadTraceResult {
  let obj = json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  if (!obj || obj.format !== TRACE_FORMAT) return fail(`This file is not a Corelanes trace (it has no "format": "${TRACE_FORMAT}"). ${OPEN_HINT}`);
  if (typeof obj.version !== 'number' || !Number.isInteger(obj.version) || obj.version < 1) {
    return fail(`This Corelanes trace has no valid format version (it holds ${shown(obj.version)}); it is damaged.`);
  }
  if (obj.version > TRACE_VERSION) {
    return fail(`This trace has format version ${obj.version}, made by a newer Corelanes; this one reads versions 1 to ${TRACE_VERSION}. Update Corelanes to open it.`);
  }
  for (let v = obj.version; v < TRACE_VERSION; v++) obj = (MIGRATIONS[v] as (j: Record<string, unknown>) => Record<string, unknown>)(obj);

  for (const [key, { max, noun }] of Object.entries(TRACE_ARRAYS)) {
    const list = obj[key];
    if (Array.isArray(list) && list.length > max) {
      return fail(claims(list.length, noun, max));
    }
  }
  const header = TraceHeaderSchema.safeParse(obj);
  if (!header.success) return fail(damaged(obj, [], header.error));
  const arrays: Record<string, unknown[]> = {};
  for (const [key, { schema }] of Object.entries(TRACE_ARRAYS)) {
    const list = obj[key];
    if (!Array.isArray(list)) return fail(`This Corelanes trace is damaged: ${key} is missing or not a list (it holds ${shown(list)}).`);
    const out = new Array<unknown>(list.length);
    for (let i = 0; i < list.length; i++) {
      const item = schema.safeParse(list[i]);
      if (!item.success) return fail(damaged(obj, [key, i], item.error));
      out[i] = item.data;
    }
    arrays[key] = out;
  }
  const trace = { ...header.data, ...arrays } as Trace;
  const problem = checkTraceConsistency(trace);
  return problem ? fail(`This Corelanes trace is damaged: ${problem}.`) : { ok: true, trace };
}

/** Whether JSON.parse gave up at the very end of the text (V8 names the position; other engines say "end of data"). */
function failsAtEnd(why: string, text: string): boolean {
  if (/end of (JSON )?(input|data)/i.test(why)) return true;
  const at = /position (\d+)/.exec(why);
  return at ? Number(at[1]) >= text.trimEnd().length - 1 : true;
}

/** Reads a trace from JSON text (already decompressed). */
export function readTraceText(text: string): ReadTraceResult {
  if (looksLikeTraceStream(text)) return text.length > TRACE_LIMITS.maxJsonBytes ? fail(tooLarge('Its JSON', text.length, TRACE_LIMITS.maxJsonBytes)) : readTraceStreamText(text);
  if (text.length > TRACE_LIMITS.maxJsonBytes) return fail(tooLarge('Its JSON', text.length, TRACE_LIMITS.maxJsonBytes));
  const scan = scanJson(text, MAX_JSON_DEPTH);
  if (scan.depth > MAX_JSON_DEPTH) return fail(`This file is not a Corelanes trace: its JSON nests deeper than ${MAX_JSON_DEPTH} levels.`);
  const { items, key } = scan.longest;
  const bound = key !== null && key in TRACE_ARRAYS ? TRACE_ARRAYS[key as keyof typeof TRACE_ARRAYS] : null;
  if (bound && items > bound.max) return fail(claims(items, bound.noun, bound.max));
  if (items > MAX_ANY_ARRAY) return fail(`This file holds a list of ${items.toLocaleString('en-US')} items; no list in a Corelanes trace is longer than ${MAX_ANY_ARRAY.toLocaleString('en-US')}.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    if (text.trim().length === 0 || (scan.endsOpen && failsAtEnd(why, text))) return fail(`This trace file ends too early: it was cut short (an interrupted copy or save?). ${OPEN_HINT}`);
    return fail(`This file is not a Corelanes trace: it is not JSON (${why.slice(0, 120)}). ${OPEN_HINT}`);
  }
  return readTrace(json);
}

/** "… is 2.0 GB; Corelanes opens … up to 256 MB." */
export function tooLarge(what: string, bytes: number, max: number): string {
  const mb = (n: number) => (n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : `${Math.round(n / 1024 ** 2)} MB`);
  return `${what} is ${mb(bytes)}; Corelanes opens trace files of up to ${mb(max)}.`;
}
