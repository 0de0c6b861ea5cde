import type { Annotation, Machine, Marker, MemorySample, Metrics, Segment, Task } from './schema';
import type { Trace, RunInfo } from './trace-file';

/**
 * The streamed trace (docs/trace-format.md, "Streamed traces"): JSON lines, each
 * line its own gzip member, so the file grows while the run goes on and a file
 * cut anywhere still decodes up to its last whole member (RFC 1952 allows
 * members back to back; gunzip reads them as one text). Perfetto's long traces
 * do the same with packets drained to the file every few seconds.
 *
 * Line 1 is the header, then any number of chunks, then one footer. A file
 * without a footer is a run that did not finish (the app killed mid-run).
 */
export const TRACE_STREAM_FORMAT = 'corelanes-trace-stream';
export const TRACE_STREAM_VERSION = 1;

export interface StreamHeader {
  format: typeof TRACE_STREAM_FORMAT;
  version: typeof TRACE_STREAM_VERSION;
  /** The single-document trace version the records follow (TRACE_VERSION). */
  traceVersion: number;
  machine: Machine;
  /** The run as it was at its start (wallMs 0). */
  run: RunInfo;
}

export interface StreamChunk {
  type: 'chunk';
  /** 0, 1, 2, ...: a gap or repeat means a damaged file. */
  seq: number;
  /** Run time up to which this chunk's records were written: a cut file ends here. */
  untilMs: number;
  /** Tasks new or changed since the previous chunk, whole. */
  tasks: Task[];
  segments: Segment[];
  markers: Marker[];
  memory: MemorySample[];
}

export interface StreamFooter {
  type: 'end';
  run: RunInfo;
  /** Every task, final. */
  tasks: Task[];
  metrics: Metrics | null;
  annotations: Annotation[];
  verdict?: Trace['verdict'];
  /** Tasks whose segments an inference rewrote at the end: their streamed segments are replaced by these. */
  revised: { taskIds: string[]; segments: Segment[] } | null;
  /** How many records the chunks hold, so a lost chunk is noticed. */
  counts: { segments: number; markers: number; memory: number };
}

export type StreamLine = StreamHeader | StreamChunk | StreamFooter;

/** Whether decompressed text starts as a streamed trace (its first line is the header). */
export function looksLikeTraceStream(text: string): boolean {
  const head = text.slice(0, 200);
  return head.startsWith('{') && head.includes(`"format":"${TRACE_STREAM_FORMAT}"`);
}

/** One line of the file as text (JSON and its newline); the writer gzips each as its own member. */
export function streamLineText(line: StreamLine): string {
  return `${JSON.stringify(line)}\n`;
}
