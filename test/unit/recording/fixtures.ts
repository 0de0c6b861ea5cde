import type { Segment } from '../../../src/shared';

/** A segment whose on-CPU time is all of it when running (on core 0), none otherwise. */
export const busySegment = (taskId: string, startMs: number, endMs: number, state: Segment['state']): Segment => ({
  taskId,
  startMs,
  endMs,
  state,
  core: state === 'running' ? 0 : null,
  onCpuNs: state === 'running' ? (endMs - startMs) * 1e6 : 0,
  waitNs: 0,
});
