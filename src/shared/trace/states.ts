/**
 * What a task is doing during a segment. "runnable" is the scheduler's run
 * queue (ready, no CPU free): the oversubscription signal. "gil-wait" is only
 * ever set from a workload's own report or an inference marked as such.
 */
export const TASK_STATES = ['running', 'runnable', 'blocked', 'io', 'sleep', 'gil-wait', 'unknown'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** Kinds of task a trace can hold; the app's own threads are tasks too. */
export const TASK_KINDS = [
  'main',
  'sampler',
  'thread',
  'process',
  'gil-thread',
  'python-thread',
  'python-process',
  'command',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** Why a task ended. */
export const EXIT_REASONS = ['finished', 'stopped', 'removed', 'crashed', 'exited', 'killed', 'hung', 'lost'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

/** Exit reasons that are a crash, not an ending asked for or a normal exit (the timeline marks them with a red ×). */
export function isCrashReason(reason: ExitReason | null): boolean {
  return reason === 'crashed' || reason === 'hung' || reason === 'killed' || reason === 'lost';
}
