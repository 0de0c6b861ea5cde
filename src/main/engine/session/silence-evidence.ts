import { availableParallelism, loadavg } from 'node:os';
import { monoMs } from '../../../node/clock';
import { taskSchedstat } from '../../../node/proc/proc-tree';
import type { SchedStat } from '../../../node/proc/schedstat';
import type { KernelEvidence } from './hang-judge';
import type { SessionState } from './session-state';
import type { WorkerRecord } from './worker-record';

/** Runnable tasks per core over the last minute, at least 1 (0 where the OS has no load average). */
export function machinePressure(): number {
  return Math.max(1, loadavg()[0]! / availableParallelism());
}

/**
 * The kernel's account of one task since a moment: a schedstat snapshot taken
 * then, and the delta now. `restart` moves the moment (a message arrived, a
 * stop was asked); `evidence` is null while the task is unknown or gone.
 */
export class SilenceEvidence {
  private snapshot: { atMono: number; stat: SchedStat } | null = null;

  constructor(private readonly ids: () => { pid: number; tid: number } | null) {}

  restart(atMono = monoMs()): void {
    const ids = this.ids();
    const stat = ids ? taskSchedstat(ids.pid, ids.tid) : null;
    this.snapshot = stat ? { atMono, stat } : null;
  }

  evidence(nowMono = monoMs()): KernelEvidence | null {
    const ids = this.ids();
    if (!this.snapshot || !ids) return null;
    const now = taskSchedstat(ids.pid, ids.tid);
    if (!now) return null;
    return {
      windowMs: nowMono - this.snapshot.atMono,
      onCpuMs: (now.onCpuNs - this.snapshot.stat.onCpuNs) / 1e6,
      waitMs: (now.waitNs - this.snapshot.stat.waitNs) / 1e6,
    };
  }
}

/** Evidence about a worker's primary task, known once its hello gave its pid and tid. */
export function evidenceFor(s: SessionState, w: WorkerRecord): SilenceEvidence {
  return new SilenceEvidence(() => {
    const task = w.hello ? s.run.task(w.taskId) : undefined;
    return task?.pid != null && task.tid != null ? { pid: task.pid, tid: task.tid } : null;
  });
}
