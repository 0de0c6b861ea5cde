import { TASK_STATES, type TaskState } from '../shared';

export const STATE_INDEX: Record<TaskState, number> = Object.fromEntries(TASK_STATES.map((s, i) => [s, i])) as Record<
  TaskState,
  number
>;
const CHUNK = 1 << 16;

/** Every segment once, columnar, in fixed chunks of 65,536 (growing never copies). */
export class SegmentStore {
  private starts: Float64Array[] = [];
  private ends: Float64Array[] = [];
  private tasks: Int32Array[] = [];
  private states: Uint8Array[] = [];
  private cores: Int16Array[] = [];
  private onCpuMs: Float32Array[] = [];
  length = 0;

  push(start: number, end: number, task: number, state: number, core: number, onCpuMs: number): number {
    const i = this.length;
    const c = i >>> 16;
    if (c === this.starts.length) {
      this.starts.push(new Float64Array(CHUNK));
      this.ends.push(new Float64Array(CHUNK));
      this.tasks.push(new Int32Array(CHUNK));
      this.states.push(new Uint8Array(CHUNK));
      this.cores.push(new Int16Array(CHUNK));
      this.onCpuMs.push(new Float32Array(CHUNK));
    }
    const o = i & (CHUNK - 1);
    (this.starts[c] as Float64Array)[o] = start;
    (this.ends[c] as Float64Array)[o] = end;
    (this.tasks[c] as Int32Array)[o] = task;
    (this.states[c] as Uint8Array)[o] = state;
    (this.cores[c] as Int16Array)[o] = core;
    (this.onCpuMs[c] as Float32Array)[o] = onCpuMs;
    this.length++;
    return i;
  }

  get(i: number): { start: number; end: number; task: number; state: TaskState; core: number | null; onCpuMs: number } {
    const c = i >>> 16;
    const o = i & (CHUNK - 1);
    const core = (this.cores[c] as Int16Array)[o] as number;
    return {
      start: (this.starts[c] as Float64Array)[o] as number,
      end: (this.ends[c] as Float64Array)[o] as number,
      task: (this.tasks[c] as Int32Array)[o] as number,
      state: TASK_STATES[(this.states[c] as Uint8Array)[o] as number] ?? 'unknown',
      core: core < 0 ? null : core,
      onCpuMs: (this.onCpuMs[c] as Float32Array)[o] as number,
    };
  }

  /** The core of segment i (-1: not running, or the OS did not say), without building an object. */
  core(i: number): number {
    return (this.cores[i >>> 16] as Int16Array)[i & (CHUNK - 1)] as number;
  }

  clear(): void {
    this.starts = [];
    this.ends = [];
    this.tasks = [];
    this.states = [];
    this.cores = [];
    this.onCpuMs = [];
    this.length = 0;
  }
}
