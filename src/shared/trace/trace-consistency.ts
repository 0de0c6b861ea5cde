import { TRACE_LIMITS, type Trace } from './trace-file';

/** Overlaps shorter than this (1 us) are float rounding of adjacent spans, not two states at once. */
const OVERLAP_TOLERANCE_MS = 1e-3;

/**
 * What the schema cannot say: records that contradict each other. Returns the
 * first contradiction in words (e.g. "segments[12] ends before it starts"), or
 * null. Pure; O(n log n) in the segments.
 */
export function checkTraceConsistency(trace: Trace): string | null {
  const taskIds = new Set<string>();
  for (let i = 0; i < trace.tasks.length; i++) {
    const id = (trace.tasks[i] as Trace['tasks'][number]).id;
    if (taskIds.has(id)) return `tasks[${i}] repeats the task id '${id}'`;
    taskIds.add(id);
  }
  if (trace.run.wallMs > TRACE_LIMITS.maxTimeMs) return `run.wallMs is ${trace.run.wallMs} ms, longer than any run`;

  const byTask = new Map<string, number[]>();
  for (let i = 0; i < trace.segments.length; i++) {
    const s = trace.segments[i] as Trace['segments'][number];
    if (s.endMs < s.startMs) return `segments[${i}] ends (${s.endMs} ms) before it starts (${s.startMs} ms)`;
    if (s.endMs > TRACE_LIMITS.maxTimeMs) return `segments[${i}] ends at ${s.endMs} ms, later than any run`;
    if (!taskIds.has(s.taskId)) return `segments[${i}] belongs to task '${s.taskId}', which the trace does not have`;
    let list = byTask.get(s.taskId);
    if (!list) byTask.set(s.taskId, (list = []));
    list.push(i);
  }
  for (const [taskId, list] of byTask) {
    list.sort((a, b) => (trace.segments[a] as { startMs: number }).startMs - (trace.segments[b] as { startMs: number }).startMs);
    for (let k = 1; k < list.length; k++) {
      const prev = trace.segments[list[k - 1] as number] as Trace['segments'][number];
      const next = trace.segments[list[k] as number] as Trace['segments'][number];
      if (next.startMs < prev.endMs - OVERLAP_TOLERANCE_MS) {
        return `segments[${list[k - 1]}] and segments[${list[k]}] of task '${taskId}' overlap at ${next.startMs} ms (a task is in one state at a time)`;
      }
    }
  }

  const annotationIds = new Set<string>();
  for (let i = 0; i < trace.annotations.length; i++) {
    const a = trace.annotations[i] as Trace['annotations'][number];
    if (annotationIds.has(a.id)) return `annotations[${i}] repeats the annotation id '${a.id}'`;
    annotationIds.add(a.id);
    if (a.endMs < a.startMs) return `annotations[${i}] ends (${a.endMs} ms) before it starts (${a.startMs} ms)`;
    if (a.endMs > TRACE_LIMITS.maxTimeMs || (a.arrow && a.arrow.tMs > TRACE_LIMITS.maxTimeMs)) return `annotations[${i}] lies later than any run`;
    if (a.taskId !== null && !taskIds.has(a.taskId)) return `annotations[${i}] is on task '${a.taskId}', which the trace does not have`;
    if (a.arrow && !taskIds.has(a.arrow.taskId)) return `annotations[${i}] points at task '${a.arrow.taskId}', which the trace does not have`;
  }
  return null;
}
