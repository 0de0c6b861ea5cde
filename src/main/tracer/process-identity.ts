import { readFileSync } from 'node:fs';
import { parseTaskStat } from '../../node/proc/task-stat';

/**
 * A process as the kernel knows it: its pid, and when it started (field 22 of
 * /proc/<pid>/stat, clock ticks after boot). A pid alone is not an identity:
 * once a process is gone and reaped, the kernel hands its number to the next
 * process, which may be anyone's. The pair is unique for the life of the
 * machine. Node offers no pidfd, so this is what a signal is checked against.
 */
export interface ProcessIdentity {
  readonly pid: number;
  readonly startTime: number;
}

/** What the identity check reads; tests pass their own to play a recycled pid. */
export interface ProcReader {
  /** The text of /proc/<pid>/stat, or null when there is no such process. */
  stat(pid: number): string | null;
}

export const realProc: ProcReader = {
  stat(pid) {
    try {
      return readFileSync(`/proc/${pid}/stat`, 'latin1');
    } catch {
      return null;
    }
  },
};

/** The identity of a live process (not a zombie), or null when there is none with that pid. */
export function identify(pid: number, proc: ProcReader = realProc): ProcessIdentity | null {
  if (!Number.isSafeInteger(pid) || pid <= 1) return null;
  const text = proc.stat(pid);
  const st = text === null ? null : parseTaskStat(text);
  if (!st || st.startTime === null || st.state === 'Z' || st.state === 'X') return null;
  return { pid, startTime: st.startTime };
}

/** Whether `id` is still that very process, alive: same pid, same start time, not a zombie. */
export function isSameProcess(id: ProcessIdentity, proc: ProcReader = realProc): boolean {
  const now = identify(id.pid, proc);
  return now !== null && now.startTime === id.startTime;
}

export type Signaller = (pid: number, signal: NodeJS.Signals) => void;

const realKill: Signaller = (pid, signal) => process.kill(pid, signal);

/**
 * Sends `signal` to the process `id` names, and only to it: its start time is
 * read again right before the signal, so a pid handed to another process since
 * it was seen is left alone. True when the signal was sent.
 */
export function signalVerified(id: ProcessIdentity, signal: NodeJS.Signals, proc: ProcReader = realProc, kill: Signaller = realKill): boolean {
  if (id.pid === process.pid || !isSameProcess(id, proc)) return false;
  try {
    kill(id.pid, signal);
    return true;
  } catch {
    return false; // gone in between
  }
}
