import { availableParallelism, loadavg } from 'node:os';
import { monoMs } from '../../../node/clock';
import { idleShare, readCpuTimes, type CpuTimes } from '../../../node/proc/cpu-times';
import { taskSchedstat, threadStat } from '../../../node/proc/proc-tree';
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
  private snapshot: { atMono: number; stat: SchedStat; cpu: CpuTimes | null } | null = null;

  constructor(private readonly ids: () => { pid: number; tid: number } | null) {}

  restart(atMono = monoMs()): void {
    const ids = this.ids();
    const stat = ids ? taskSchedstat(ids.pid, ids.tid) : null;
    this.snapshot = stat ? { atMono, stat, cpu: readCpuTimes() } : null;
  }

  evidence(nowMono = monoMs()): KernelEvidence | null {
    const ids = this.ids();
    if (!this.snapshot || !ids) return null;
    const state = threadStat(ids.pid, ids.tid)?.state;
    const now = taskSchedstat(ids.pid, ids.tid);
    // A zombie (or a task already reaped) has exited; the kernel stops its clocks.
    if (!now || state === undefined || state === 'Z' || state === 'X') return { windowMs: 0, onCpuMs: 0, waitMs: 0, idleShare: null, exited: true };
    const cpuNow = readCpuTimes();
    return {
      windowMs: nowMono - this.snapshot.atMono,
      onCpuMs: (now.onCpuNs - this.snapshot.stat.onCpuNs) / 1e6,
      waitMs: (now.waitNs - this.snapshot.stat.waitNs) / 1e6,
      idleShare: this.snapshot.cpu && cpuNow ? idleShare(this.snapshot.cpu, cpuNow) : null,
      exited: false,
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
