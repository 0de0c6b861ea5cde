import { readTrace, type ReadTraceResult } from './read-trace';
import { TRACE_FORMAT, TRACE_LIMITS, TRACE_VERSION } from './trace-file';
import { TRACE_STREAM_FORMAT, TRACE_STREAM_VERSION } from './trace-stream';

type Json = Record<string, unknown>;

const fail = (error: string): ReadTraceResult => ({ ok: false, error });
const damagedText = (line: number, why: string) => `This streamed Corelanes trace is damaged: line ${line} ${why}.`;

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

/** Records past what memory holds: counted (the footer's counts are still checked), not kept. */
interface LeftOut {
  /** Run time up to which every record is loaded: the last chunk kept. */
  fromMs: number;
  untilMs: number;
  segments: number;
  markers: number;
  memory: number;
}

const RECORD_KINDS = ['segments', 'markers', 'memory'] as const;

/** How many records of each kind a reader keeps in memory (TRACE_LIMITS; tests lower it). */
export type StreamKeep = Record<(typeof RECORD_KINDS)[number], number>;

const KEEP: StreamKeep = { segments: TRACE_LIMITS.maxSegments, markers: TRACE_LIMITS.maxMarkers, memory: TRACE_LIMITS.maxMemorySamples };

/** A line of a streamed file longer than this is damage, not a chunk (a chunk of 20,000 records is ~3 MB). */
export const MAX_STREAM_LINE_CHARS = 64 * 1024 * 1024;

/** The chunk's shape and its tasks; an error line when it is malformed. */
function checkChunk(into: Gathered, chunk: Json, seq: number): string | null {
  if (chunk.seq !== seq) return `holds chunk ${String(chunk.seq)} where chunk ${seq} was due (a chunk is missing or repeated)`;
  if (typeof chunk.untilMs !== 'number' || !Number.isFinite(chunk.untilMs)) return 'has no valid "untilMs"';
  for (const key of ['tasks', 'segments', 'markers', 'memory'] as const) if (!Array.isArray(chunk[key])) return `has no list "${key}"`;
  for (const task of chunk.tasks as unknown[]) {
    if (!isObject(task) || typeof task.id !== 'string') return 'has a task without an id';
    into.tasks.set(task.id, task);
  }
  if (into.tasks.size > TRACE_LIMITS.maxTasks) return `brings the trace past ${TRACE_LIMITS.maxTasks.toLocaleString('en-US')} tasks`;
  return null;
}

/** Whether the chunk's records fit beside those kept (TRACE_LIMITS: what the reader holds in memory). */
function fits(into: Gathered, chunk: Json, keep: StreamKeep): boolean {
  return RECORD_KINDS.every((key) => into[key].length + (chunk[key] as unknown[]).length <= keep[key]);
}

/** "trace ends at 12.4 s: the file was cut (no footer); the run was not finished" */
export function cutNotice(untilMs: number): string {
  return `trace ends at ${(untilMs / 1000).toFixed(1)} s: the file was cut (no footer); the run was not finished`;
}

const s1 = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const count = (n: number) => n.toLocaleString('en-US');

/** "loaded up to 480.0 s of 600.0 s: the 2,100,000 segments, ... after it are not loaded ..." */
export function leftOutNotice(left: LeftOut, keep: StreamKeep = KEEP): string {
  return `loaded up to ${s1(left.fromMs)} of ${s1(left.untilMs)}: the ${count(left.segments)} segments, ${count(left.markers)} markers and ${count(left.memory)} memory samples after it are not loaded (Corelanes holds up to ${count(keep.segments)} of each in memory); the tasks and metrics cover the whole run`;
}

/**
 * Reads a streamed trace (trace-stream.ts) a line at a time: the header, the
 * chunks in order, the footer, so no whole text is ever held. Records are kept
 * up to TRACE_LIMITS; a longer run keeps its chunks up to the one that would
 * pass them and counts the rest (`leftOutNotice`, and an `annotation` marker
 * where loading stopped), while the footer's tasks, metrics and counts still
 * cover the whole run. A file cut anywhere (a line never finished, no footer)
 * opens up to its last whole chunk, with a notice and an `error` marker there.
 */
export class TraceStreamReader {
  private header: Json | null = null;
  private footer: Json | null = null;
  private lineNo = 0;
  private seq = 0;
  private error: string | null = null;
  private readonly into: Gathered = { tasks: new Map(), segments: [], markers: [], memory: [], untilMs: 0 };
  private left: LeftOut | null = null;

  constructor(private readonly keep: StreamKeep = KEEP) {}

  /** One whole line (without its newline). Returns false once the file is judged damaged (later lines are not read). */
  line(text: string): boolean {
    if (this.error) return false;
    const n = ++this.lineNo;
    const problem = this.take(text, n);
    if (problem) this.error = problem;
    return problem === null;
  }

  private take(text: string, n: number): string | null {
    if (n === 1) {
      const header = parseLine(text);
      if (!header || header.format !== TRACE_STREAM_FORMAT) return damagedText(1, 'is not the header of a streamed trace');
      if (typeof header.version !== 'number' || !Number.isInteger(header.version) || header.version < 1) return damagedText(1, 'has no valid stream version');
      if (header.version > TRACE_STREAM_VERSION || typeof header.traceVersion !== 'number' || header.traceVersion > TRACE_VERSION) {
        return `This streamed trace has format version ${String(header.version)} (records version ${String(header.traceVersion)}), made by a newer Corelanes; this one reads stream version ${TRACE_STREAM_VERSION} with records up to version ${TRACE_VERSION}. Update Corelanes to open it.`;
      }
      this.header = header;
      return null;
    }
    if (text === '') return null;
    if (this.footer) return damagedText(n, 'comes after the footer (the end of the run)');
    if (text.length > MAX_STREAM_LINE_CHARS) return damagedText(n, `is longer than ${MAX_STREAM_LINE_CHARS / 1024 ** 2} MB (no chunk is)`);
    const line = parseLine(text);
    if (!line) return damagedText(n, 'is not a JSON object');
    const problem = line.type === 'chunk' ? this.chunk(line) : line.type === 'end' ? this.applyFooter((this.footer = line)) : `has an unknown type ${JSON.stringify(line.type)}`;
    return problem ? damagedText(n, problem) : null;
  }

  private chunk(chunk: Json): string | null {
    const problem = checkChunk(this.into, chunk, this.seq++);
    if (problem) return problem;
    const untilMs = chunk.untilMs as number;
    if (!this.left && !fits(this.into, chunk, this.keep)) this.left = { fromMs: this.into.untilMs, untilMs, segments: 0, markers: 0, memory: 0 };
    if (this.left) {
      for (const key of RECORD_KINDS) this.left[key] += (chunk[key] as unknown[]).length;
      this.left.untilMs = Math.max(this.left.untilMs, untilMs);
      return null;
    }
    for (const key of RECORD_KINDS) for (const item of chunk[key] as unknown[]) this.into[key].push(item);
    this.into.untilMs = Math.max(this.into.untilMs, untilMs);
    return null;
  }

  /** Lays the footer over what the chunks gathered: final tasks and run, revised segments, and a check of the counts. */
  private applyFooter(footer: Json): string | null {
    const into = this.into;
    if (!Array.isArray(footer.tasks)) return 'has no list "tasks"';
    const counts = footer.counts;
    if (!isObject(counts)) return 'has no "counts"';
    for (const key of RECORD_KINDS) {
      const read = into[key].length + (this.left?.[key] ?? 0);
      if (counts[key] !== read) return `says ${String(counts[key])} ${key} were written but the chunks hold ${read} (a chunk is missing)`;
    }
    into.tasks = new Map((footer.tasks as unknown[]).map((t, i) => [isObject(t) && typeof t.id === 'string' ? t.id : `#${i}`, t]));
    const revised = footer.revised;
    if (revised !== null && revised !== undefined) {
      if (!isObject(revised) || !Array.isArray(revised.taskIds) || !Array.isArray(revised.segments)) return 'has a malformed "revised"';
      const ids = new Set(revised.taskIds as unknown[]);
      into.segments = into.segments.filter((s) => !(isObject(s) && ids.has(s.taskId)));
      // Past what was loaded, revised segments are left out as the streamed ones are.
      const loaded = this.left ? this.left.fromMs : Infinity;
      for (const s of revised.segments as unknown[]) if (!(isObject(s) && typeof s.startMs === 'number' && s.startMs >= loaded)) into.segments.push(s);
    }
    return null;
  }

  /** The trace read so far (a file without its footer is a cut one), validated as a single document is. */
  result(): ReadTraceResult {
    if (this.error) return fail(this.error);
    const { header, footer, into, left } = this;
    if (!header) return fail('This streamed trace ends before its first line: nothing of the run was written yet.');
    const notices: string[] = [];
    const markers = [...into.markers];
    if (left) {
      const text = leftOutNotice(left, this.keep);
      notices.push(text);
      markers.push({ tMs: left.fromMs, kind: 'annotation', taskId: null, text });
    }
    if (!footer) {
      const until = left ? left.untilMs : into.untilMs;
      notices.push(cutNotice(until));
      if (!left) markers.push({ tMs: until, kind: 'error', taskId: null, text: cutNotice(until) });
    }
    markers.sort((a, b) => ((a as Json).tMs as number) - ((b as Json).tMs as number));
    const run = footer ? footer.run : { ...(header.run as Json), wallMs: left ? left.untilMs : into.untilMs };
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
    return read.ok && notices.length ? { ...read, notice: notices.join('; ') } : read;
  }
}

/** Reads a streamed trace's decompressed text (TraceStreamReader over its lines; the text after the last newline is a line never finished). */
export function readTraceStreamText(text: string): ReadTraceResult {
  const reader = new TraceStreamReader();
  let at = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', at)) {
    if (!reader.line(text.slice(at, nl))) break;
    at = nl + 1;
  }
  return reader.result();
}
