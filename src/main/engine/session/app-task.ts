import type { Task } from '../../../shared';

/** A task living in the app's own process (its main and sampler threads), or a discovered OS task, present from the start. */
export function appTask(id: string, kind: Task['kind'], label: string, tid: number | null): Task {
  return {
    id,
    kind,
    label,
    pid: process.pid,
    tid,
    addressSpace: process.pid,
    parentId: null,
    workload: null,
    requestedMs: 0,
    startedMs: 0,
    exitMs: null,
    exitReason: null,
    exitDetail: null,
  };
}
