import type { TaskState } from '../shared';
import type { TimelineModel } from './model';

/** A task's time in a window: what Perfetto's bottom panel shows for a selected thread. */
export interface TaskDetails {
  task: number;
  fromMs: number;
  toMs: number;
  /** ms in each state inside the window (states never seen are absent). */
  byState: Partial<Record<TaskState, number>>;
  /** CPU time the kernel counted inside the window (a segment's share, by overlap). */
  onCpuMs: number;
  /** Running ms per core; `null` key: running on a core the OS did not say. */
  byCore: { core: number | null; ms: number }[];
  /** Times it was next seen running on another core than the time before. */
  migrations: number;
  /** Longest single wait for a CPU (runnable) and for the GIL. */
  longestRunnableMs: number;
  longestGilWaitMs: number;
}

/** Every task's CPU in a window, and the cores used: the aggregate of a time range. */
export interface RangeDetails {
  fromMs: number;
  toMs: number;
  /** Sum of the run's tasks' CPU in the window / its length (Corelanes' own threads left out). */
  parallelism: number;
  tasks: { task: number; onCpuMs: number; runnableMs: number }[];
}

const OWN = new Set(['main', 'sampler']);

/** Visits the segments of one task lane that overlap [fromMs, toMs), with the overlapping ms. */
function eachInWindow(model: TimelineModel, task: number, fromMs: number, toMs: number, visit: (seg: ReturnType<TimelineModel['segments']['get']>, overlapMs: number) => void): void {
  const lane = model.taskLanes[task];
  if (!lane) return;
  for (let i = lane.firstVisible(fromMs); i < lane.length; i++) {
    const start = lane.start[i] as number;
    if (start >= toMs) break;
    const end = lane.end[i] as number;
    const overlap = Math.min(end, toMs) - Math.max(start, fromMs);
    if (overlap <= 0) continue;
    visit(model.segments.get(lane.segment[i] as number), overlap);
  }
}

export function taskDetails(model: TimelineModel, task: number, fromMs: number, toMs: number): TaskDetails {
  const byState: Partial<Record<TaskState, number>> = {};
  const cores = new Map<number | null, number>();
  let onCpuMs = 0;
  let migrations = 0;
  let lastCore: number | null = null;
  let longestRunnableMs = 0;
  let longestGilWaitMs = 0;
  eachInWindow(model, task, fromMs, toMs, (s, overlap) => {
    byState[s.state] = (byState[s.state] ?? 0) + overlap;
    const length = s.end - s.start;
    onCpuMs += length > 0 ? (s.onCpuMs * overlap) / length : 0;
    if (s.state === 'running') {
      cores.set(s.core, (cores.get(s.core) ?? 0) + overlap);
      if (s.core !== null) {
        if (lastCore !== null && s.core !== lastCore) migrations++;
        lastCore = s.core;
      }
    }
    if (s.state === 'runnable') longestRunnableMs = Math.max(longestRunnableMs, overlap);
    if (s.state === 'gil-wait') longestGilWaitMs = Math.max(longestGilWaitMs, overlap);
  });
  const byCore = [...cores].map(([core, ms]) => ({ core, ms })).sort((a, b) => (a.core ?? Infinity) - (b.core ?? Infinity));
  return { task, fromMs, toMs, byState, onCpuMs, byCore, migrations, longestRunnableMs, longestGilWaitMs };
}

export function rangeDetails(model: TimelineModel, fromMs: number, toMs: number): RangeDetails {
  const tasks: RangeDetails['tasks'] = [];
  let total = 0;
  model.tasks.forEach((t, task) => {
    let onCpuMs = 0;
    let runnableMs = 0;
    eachInWindow(model, task, fromMs, toMs, (s, overlap) => {
      const length = s.end - s.start;
      onCpuMs += length > 0 ? (s.onCpuMs * overlap) / length : 0;
      if (s.state === 'runnable') runnableMs += overlap;
    });
    tasks.push({ task, onCpuMs, runnableMs });
    if (!OWN.has(t.kind)) total += onCpuMs;
  });
  tasks.sort((a, b) => b.onCpuMs - a.onCpuMs);
  return { fromMs, toMs, parallelism: toMs > fromMs ? total / (toMs - fromMs) : 0, tasks };
}
