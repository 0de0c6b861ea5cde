import type { TaskState, WorkerPhase } from '../../shared';

/**
 * State of a task that is NOT in the run queue, from the kernel's state letter
 * and the workload's own phase report. "gil-wait" only ever comes from the
 * report: the kernel sees a futex sleep, not a GIL.
 */
export function offCpuState(letter: string, phase: WorkerPhase | null): TaskState {
  if (phase === 'gil-wait') return 'gil-wait';
  if (phase === 'io') return 'io';
  if (phase === 'waiting') return 'blocked';
  switch (letter) {
    case 'S':
    case 'I':
      return 'sleep';
    case 'D':
      // uninterruptible sleep: almost always waiting on a device
      return 'io';
    case 'T':
    case 't':
      return 'blocked';
    default:
      return 'unknown';
  }
}

/** Without /proc (portable fallback): the state the workload says it is in, core never known. */
export function phaseOnlyState(phase: WorkerPhase | null): TaskState {
  switch (phase) {
    case 'compute':
      return 'running';
    case 'io':
      return 'io';
    case 'waiting':
      return 'blocked';
    case 'gil-wait':
      return 'gil-wait';
    default:
      return 'unknown';
  }
}
