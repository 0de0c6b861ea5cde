import { readTrace, type ReadTraceResult } from './read-trace';
import { TRACE_FORMAT, TRACE_LIMITS, TRACE_VERSION } from './trace-file';
import { TRACE_STREAM_FORMAT, TRACE_STREAM_VERSION } from './trace-stream';

type Json = Record<string, unknown>;

const fail = (error: string): ReadTraceResult => ({ ok: false, error });
const damaged = (line: number, why: string) => fail(`This streamed Corelanes trace is damaged: line ${line} ${why}.`);

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function parseLine(text: string): Json | null {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

/** The records gathered from the chunks, in file order; tasks by id, last version wins. */
interface Gathered {
  tasks: Map<string, unknown>;
  segments: unknown[];
  markers: unknown[];
  memory: unknown[];
  untilMs: number;
}

const RECORD_BOUNDS = [
  ['segments', TRACE_LIMITS.maxSegments, 'segments'],
  ['markers', TRACE_LIMITS.maxMarkers, 'markers'],
  ['memory', TRACE_LIMITS.maxMemorySamples, 'memory samples'],
] as const;

/** Adds one chunk's records; an error line when the chunk is malformed or the trace grows past TRACE_LIMITS. */
function addChunk(into: Gathered, chunk: Json, seq: number): string | null {
  if (chunk.seq !== seq) return `holds chunk ${String(chunk.seq)} where chunk ${seq} was due (a chunk is missing or repeated)`;
  if (typeof chunk.untilMs !== 'number' || !Number.isFinite(chunk.untilMs)) return 'has no valid "untilMs"';
  for (const key of ['tasks', 'segments', 'markers', 'memory'] as const) if (!Array.isArray(chunk[key])) return `has no list "${key}"`;
  for (const task of chunk.tasks as unknown[]) {
    if (!isObject(task) || typeof task.id !== 'string') return 'has a task without an id';
    into.tasks.set(task.id, task);
  }
  if (into.tasks.size > TRACE_LIMITS.maxTasks) return `brings the trace past ${TRACE_LIMITS.maxTasks.toLocaleString('en-US')} tasks`;
  for (const [key, max, noun] of RECORD_BOUNDS) {
    const list = chunk[key] as unknown[];
    if (into[key].length + list.length > max) return `brings the trace past ${max.toLocaleString('en-US')} ${noun}, the most Corelanes opens`;
    for (const item of list) into[key].push(item);
  }
  into.untilMs = Math.max(into.untilMs, chunk.untilMs);
  return null;
}

/** Lays the footer over what the chunks gathered: final tasks and run, revised segments, and a check of the counts. */
function applyFooter(into: Gathered, footer: Json): string | null {
  if (!Array.isArray(footer.tasks)) return 'has no list "tasks"';
  const counts = footer.counts;
  if (!isObject(counts)) return 'has no "counts"';
  for (const key of ['segments', 'markers', 'memory'] as const) {
    if (counts[key] !== into[key].length) return `says ${String(counts[key])} ${key} were written but the chunks hold ${into[key].length} (a chunk is missing)`;
  }
  into.tasks = new Map((footer.tasks as unknown[]).map((t, i) => [isObject(t) && typeof t.id === 'string' ? t.id : `#${i}`, t]));
  const revised = footer.revised;
  if (revised !== null && revised !== undefined) {
    if (!isObject(revised) || !Array.isArray(revised.taskIds) || !Array.isArray(revised.segments)) return 'has a malformed "revised"';
    const ids = new Set(revised.taskIds as unknown[]);
    into.segments = into.segments.filter((s) => !(isObject(s) && ids.has(s.taskId)));
    for (const s of revised.segments as unknown[]) into.segments.push(s);
  }
  return null;
}

/** "trace ends at 12.4 s: the file was cut (no footer); the run was not finished" */
export function cutNotice(untilMs: number): string {
  return `trace ends at ${(untilMs / 1000).toFixed(1)} s: the file was cut (no footer); the run was not finished`;
}

/**
 * Reads a streamed trace's decompressed text (trace-stream.ts): the header,
 * the chunks in order, the footer. A file cut anywhere (the text ends inside
 * a line, or without a footer) opens up to its last whole chunk, with a notice
 * saying where it ends and an `error` marker there; everything else that is
 * wrong is one line naming the line of the file. The result goes through the
 * same validation as a single-document trace (readTrace).
 */
export function readTraceStreamText(text: string): ReadTraceResult {
  const lines = text.split('\n');
  // The text after the last newline is a line the writer never finished.
  const whole = lines.slice(0, -1);
  const header = whole.length ? parseLine(whole[0]!) : null;
  if (whole.length === 0) return fail('This streamed trace ends before its first line: nothing of the run was written yet.');
  if (!header || header.format !== TRACE_STREAM_FORMAT) return damaged(1, 'is not the header of a streamed trace');
  if (typeof header.version !== 'number' || !Number.isInteger(header.version) || header.version < 1) return damaged(1, 'has no valid stream version');
  if (header.version > TRACE_STREAM_VERSION || typeof header.traceVersion !== 'number' || header.traceVersion > TRACE_VERSION) {
    return fail(`This streamed trace has format version ${String(header.version)} (records version ${String(header.traceVersion)}), made by a newer Corelanes; this one reads stream version ${TRACE_STREAM_VERSION} with records up to version ${TRACE_VERSION}. Update Corelanes to open it.`);
  }
  const into: Gathered = { tasks: new Map(), segments: [], markers: [], memory: [], untilMs: 0 };
  let footer: Json | null = null;
  let seq = 0;
  for (let i = 1; i < whole.length; i++) {
    if (whole[i] === '') continue;
    if (footer) return damaged(i + 1, 'comes after the footer (the end of the run)');
    const line = parseLine(whole[i]!);
    if (!line) return damaged(i + 1, 'is not a JSON object');
    const problem = line.type === 'chunk' ? addChunk(into, line, seq++) : line.type === 'end' ? applyFooter(into, (footer = line)) : `has an unknown type ${JSON.stringify(line.type)}`;
    if (problem) return damaged(i + 1, problem);
  }
  const notice = footer ? null : cutNotice(into.untilMs);
  const markers = [...into.markers];
  if (notice) markers.push({ tMs: into.untilMs, kind: 'error', taskId: null, text: notice });
  markers.sort((a, b) => ((a as Json).tMs as number) - ((b as Json).tMs as number));
  const run = footer ? footer.run : { ...(header.run as Json), wallMs: into.untilMs };
  const read = readTrace({
    format: TRACE_FORMAT,
    version: header.traceVersion,
    machine: header.machine,
    run,
    tasks: [...into.tasks.values()],
    segments: into.segments,
    markers,
    memory: into.memory,
    annotations: footer?.annotations ?? [],
    metrics: footer?.metrics ?? null,
    ...(footer?.verdict !== undefined ? { verdict: footer.verdict } : {}),
  });
  return read.ok && notice ? { ...read, notice } : read;
}
