import { readFileSync } from 'node:fs';
import { parseTaskStat } from '../../node/proc/task-stat';

/**
 * This thread's OS tid and current core, from /proc/thread-self/stat (Linux); nulls elsewhere.
 * Opened per call rather than kept open like runtime/self-stat: a crashed gil-thread leaves no fd behind.
 */
export function threadSelf(): { tid: number | null; core: number | null } {
  try {
    const stat = parseTaskStat(readFileSync('/proc/thread-self/stat', 'latin1'));
    return { tid: stat?.id ?? null, core: stat?.core ?? null };
  } catch {
    return { tid: null, core: null };
  }
}
