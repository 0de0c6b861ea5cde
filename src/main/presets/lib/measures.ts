import type { Task, TaskState, Trace } from '../../../shared';

/**
 * Numbers presets read off a trace. Pure functions of the trace, so they are
 * unit tested with hand-made traces.
 */

const APP_KINDS = new Set(['main', 'sampler']);

/** The run's workers (and their extra tasks), not the app's own threads (main, sampler). */
export function workerTasks(trace: Trace): Task[] {
  return trace.tasks.filter((t) => !APP_KINDS.has(t.kind));
}

/**
 * From the first worker's first instruction to the last worker's exit: the time the work really ran.
 * Workers up early in a spawn phase wait for their start until it is over, so with one the work starts at its end.
 */
export function activeSpan(trace: Trace): { fromMs: number; toMs: number } | null {
  const tasks = workerTasks(trace);
  // A traced program's first instruction is unknown: its tasks count from when they were seen.
  const traced = trace.run.command !== undefined;
  const starts = tasks.map((t) => t.startedMs ?? (traced ? t.requestedMs : null)).filter((x): x is number => x !== null);
  const ends = tasks.map((t) => t.exitMs ?? trace.run.wallMs);
  if (starts.length === 0 || ends.length === 0) return null;
  const fromMs = Math.max(Math.min(...starts), trace.run.spawnPhase?.endMs ?? -Infinity);
  return { fromMs, toMs: Math.max(fromMs, Math.max(...ends)) };
}

export function activeWindowMs(trace: Trace): number {
  const span = activeSpan(trace);
  return span ? span.toMs - span.fromMs : 0;
}

/**
 * The workers' on-CPU and run-queue ns inside the active window. A lane drawn
 * from the worker's birth (exact source) starts before its first
 * instruction; that start-up time is outside the window, so it stays out of
 * the numerator too (a segment across the edge counts in proportion).
 */
function workersNsInWindow(trace: Trace): { onCpuNs: number; waitNs: number } {
  const span = activeSpan(trace);
  const ids = new Set(workerTasks(trace).map((t) => t.id));
  let onCpuNs = 0;
  let waitNs = 0;
  if (!span) return { onCpuNs, waitNs };
  for (const s of trace.segments) {
    if (!ids.has(s.taskId)) continue;
    const len = s.endMs - s.startMs;
    const inside = Math.max(0, Math.min(s.endMs, span.toMs) - Math.max(s.startMs, span.fromMs));
    const share = len > 0 ? inside / len : s.startMs >= span.fromMs && s.startMs <= span.toMs ? 1 : 0;
    onCpuNs += s.onCpuNs * share;
    waitNs += s.waitNs * share;
  }
  return { onCpuNs, waitNs };
}

/** Workers' on-CPU ms (exact, from schedstat in the segments). */
export function workersOnCpuMs(trace: Trace): number {
  const ids = new Set(workerTasks(trace).map((t) => t.id));
  let ns = 0;
  for (const s of trace.segments) if (ids.has(s.taskId)) ns += s.onCpuNs;
  return ns / 1e6;
}

/** Parallelism while the workers ran: on-CPU time in the active window / its length (spawn and stop time excluded). */
export function activeParallelism(trace: Trace): number {
  const w = activeWindowMs(trace);
  return w > 0 ? workersNsInWindow(trace).onCpuNs / 1e6 / w : 0;
}

/**
 * Parallelism the workers were ready for: (on-CPU + run-queue wait) / active
 * window. On a machine busy with other programs, processes that could run in
 * parallel spend time runnable but not running; threads waiting for a GIL
 * sleep instead, so they stay near 1 on this measure too.
 */
export function readyParallelism(trace: Trace): number {
  const w = activeWindowMs(trace);
  const ns = workersNsInWindow(trace);
  return w > 0 ? (ns.onCpuNs + ns.waitNs) / 1e6 / w : 0;
}

/** Each worker's on-CPU ms, by task id. */
export function onCpuByTask(trace: Trace): Map<string, number> {
  const out = new Map<string, number>(workerTasks(trace).map((t) => [t.id, 0]));
  for (const s of trace.segments) if (out.has(s.taskId)) out.set(s.taskId, out.get(s.taskId)! + s.onCpuNs / 1e6);
  return out;
}

/** ms the workers spent in a state (e.g. 'gil-wait', 'runnable'). */
export function stateMs(trace: Trace, state: TaskState): number {
  const ids = new Set(workerTasks(trace).map((t) => t.id));
  let ms = 0;
  for (const s of trace.segments) if (ids.has(s.taskId) && s.state === state) ms += s.endMs - s.startMs;
  return ms;
}

/** Run-queue wait of the workers, ms (waiting for a CPU, from schedstat). */
export function runQueueMs(trace: Trace): number {
  const ids = new Set(workerTasks(trace).map((t) => t.id));
  let ns = 0;
  for (const s of trace.segments) if (ids.has(s.taskId)) ns += s.waitNs;
  return ns / 1e6;
}

export function countMarkers(trace: Trace, kind: string): number {
  return trace.markers.filter((m) => m.kind === kind).length;
}

/** Work units done per second of active window (all workers). */
export function unitsPerActiveSecond(trace: Trace): number {
  const w = activeWindowMs(trace);
  const units = (trace.metrics?.tasks ?? []).reduce((a, t) => a + (t.unitsDone ?? 0), 0);
  return w > 0 ? units / (w / 1000) : 0;
}

/** Units each worker did (by task id), from the metrics. */
export function unitsByTask(trace: Trace): Map<string, number> {
  return new Map((trace.metrics?.tasks ?? []).filter((t) => !APP_KINDS.has(t.kind)).map((t) => [t.taskId, t.unitsDone ?? 0]));
}

/** Spawn latency of the workers, ms (request to first instruction). */
export function spawnMs(trace: Trace): number[] {
  return workerTasks(trace)
    .filter((t) => t.startedMs !== null)
    .map((t) => t.startedMs! - t.requestedMs);
}

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Largest RSS seen per address space of the workers, bytes. */
export function peakRssByAddressSpace(trace: Trace): Map<number, number> {
  const spaces = new Set(workerTasks(trace).map((t) => t.addressSpace).filter((a): a is number => a !== null));
  const out = new Map<number, number>();
  for (const m of trace.memory) if (spaces.has(m.addressSpace)) out.set(m.addressSpace, Math.max(out.get(m.addressSpace) ?? 0, m.rssBytes));
  return out;
}

/** Rounds for the verdict's numbers (3 significant decimals is plenty for a claim). */
export function r(n: number, digits = 3): number {
  return Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : 0;
}
