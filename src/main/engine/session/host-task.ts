import type { Task } from '../../../shared';

/** A task living in the host process (its main and sampler threads, or a discovered OS task), present from the start. */
export function hostTask(id: string, kind: Task['kind'], label: string, tid: number | null): Task {
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
