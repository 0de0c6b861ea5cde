import type { Task } from '../shared';
import type { LaneColumns } from './lane-columns';
import { binLane } from './lod';
import type { TimelineModel } from './model';

/** Corelanes' own threads: the app's main thread and its sampler. They are not the run's work. */
export function isOwnThread(task: Task): boolean {
  return task.kind === 'main' || task.kind === 'sampler';
}

/**
 * Which stack each task adds to in the parallelism strip, as the Cores view
 * above it colours them: by process, one group per address space (threads of
 * one process add to one group, so GIL-bound threads stack to at most 1); by
 * task, one group per task (GIL-bound threads take turns within that 1).
 * Groups come in the order they were first requested; -1 for Corelanes' own
 * threads, which are left out.
 */
export interface ParallelismGroups {
  /** Group index per task index, -1 = not counted. */
  ofTask: Int32Array;
  by: 'process' | 'task';
  /** Per group: its address space (by process; null = unknown) or its task index (by task). */
  keys: (number | null)[];
}

export function parallelismGroups(tasks: readonly Task[], by: 'process' | 'task' = 'process'): ParallelismGroups {
  const order = tasks
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => !isOwnThread(t))
    .sort((a, b) => a.t.requestedMs - b.t.requestedMs || a.i - b.i);
  const keys: (number | null)[] = [];
  const ofTask = new Int32Array(tasks.length).fill(-1);
  for (const { t, i } of order) {
    const key = by === 'task' ? i : t.addressSpace;
    let g = keys.indexOf(key);
    if (g < 0) g = keys.push(key) - 1;
    ofTask[i] = g;
  }
  return { ofTask, by, keys };
}

/**
 * How many of the run's tasks run at each moment, per CSS-pixel column and
 * per group: `out[c * groups + g]` is the mean number of group g's tasks
 * running during column c (0.5 = one task ran half of the column). Built from
 * lanes of running segments categorised by task (the model's core lanes and
 * its "core unknown" lane), binned the way the lanes are (binLane), so the
 * strip shows what the lanes above it show, at the same level of detail.
 * `scratch` and `out` are reused between frames; each needs columns * groups floats.
 */
export function binParallelism(
  runningLanes: readonly LaneColumns[],
  groups: ParallelismGroups,
  t0: number,
  msPerColumn: number,
  columns: number,
  scratch: Float32Array,
  out: Float32Array,
  untilMs = Infinity,
): void {
  const g = groups.keys.length;
  out.fill(0, 0, columns * g);
  if (g === 0) return;
  for (const lane of runningLanes) {
    // Each segment adds straight to its task's group: binning cost follows the segments, not tasks x columns.
    binLane(lane, t0, msPerColumn, columns, g, scratch, untilMs, groups.ofTask);
    for (let j = 0; j < columns * g; j++) out[j] = (out[j] as number) + (scratch[j] as number);
  }
}

/** Total running tasks per column (the stack's height). */
export function columnTotals(series: Float32Array, columns: number, groups: number, out = new Float32Array(columns)): Float32Array {
  for (let c = 0; c < columns; c++) {
    let sum = 0;
    for (let k = 0; k < groups; k++) sum += series[c * groups + k] as number;
    out[c] = sum;
  }
  return out;
}

/** The model's lanes of running segments: every core lane and the "core unknown" lane. */
export function runningLanes(model: TimelineModel): LaneColumns[] {
  return [...model.coreLanes, model.unknownCoreLane];
}
