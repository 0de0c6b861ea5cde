import { isCrashReason, type ExitReason } from '../../../shared';
import type { WorkerExit } from '../kinds/kind-driver';

/** What the session knew about a worker when it exited. */
export interface ExitContext {
  /** The watchdog killed it: no heartbeat, or no answer to stop, within the grace period. */
  killedAsHung: boolean;
  /** removeWorker asked it to go. */
  removed: boolean;
  /** The run was stopped by the user (stop()), not ended by its duration or its work. */
  stoppedByUser: boolean;
  /** It said `done` (a clean end of its workload). */
  saidDone: boolean;
  /** It reported an uncaught error before going. */
  reportedError: string | null;
}

/**
 * Why a worker ended, from what the session saw. Order matters: a hung worker
 * is hung even though we killed it; an uncaught error is a crash whatever the
 * exit code; a clean `done` is finished/stopped/removed by who asked.
 */
export function decideExitReason(exit: WorkerExit, ctx: ExitContext): ExitReason {
  if (ctx.killedAsHung) return 'hung';
  if (exit.error !== null || ctx.reportedError !== null) return 'crashed';
  if (ctx.saidDone && (exit.code === 0 || exit.code === null) && exit.signal === null) {
    if (ctx.removed) return 'removed';
    return ctx.stoppedByUser ? 'stopped' : 'finished';
  }
  if (exit.signal !== null) return 'killed';
  return 'exited';
}

/** Exits that are marked as crashes on the timeline. */
export function isCrash(reason: ExitReason): boolean {
  return isCrashReason(reason);
}

/** One line saying how a worker ended, for the trace's exitDetail. */
export function describeExit(exit: WorkerExit, reason: ExitReason, reportedError: string | null): string {
  const how = exit.signal ? `signal ${exit.signal}` : exit.code === null ? 'no exit code' : `exit code ${exit.code}`;
  const error = exit.error ?? reportedError;
  return `${reason} (${how})${error ? `: ${error}` : ''}${exit.stderr ? `; stderr: ${exit.stderr}` : ''}`.slice(0, 2000);
}
