import { readdirSync, readFileSync } from 'node:fs';
import { parseSchedstat } from './schedstat';

/** On-CPU ns so far of each thread of this process, by tid: a reading of /proc/self/task. */
export type ThreadsCpu = ReadonlyMap<number, number>;

/**
 * Reads /proc/self/task/<tid>/schedstat for every thread of this process
 * (a few dozen small reads, once a second at most); null where there is no
 * /proc (not Linux). A thread that ends between the listing and its read is
 * left out.
 */
export function readOwnThreadsCpu(): ThreadsCpu | null {
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return null;
  }
  const out = new Map<number, number>();
  for (const tid of tids) {
    try {
      const s = parseSchedstat(readFileSync(`/proc/self/task/${tid}/schedstat`, 'latin1'));
      if (s) out.set(Number(tid), s.onCpuNs);
    } catch {
      // ended meanwhile
    }
  }
  return out;
}

/**
 * Pure: on-CPU ns between two readings of the threads not in `laned` (the
 * threads that have their own lane). A thread born after `before` counts from
 * 0 (all its time is in the window); one that ended before `now` is missing
 * from it and is not counted.
 */
export function unlanedCpuNs(before: ThreadsCpu, now: ThreadsCpu, laned: ReadonlySet<number>): number {
  let ns = 0;
  for (const [tid, cpu] of now) if (!laned.has(tid)) ns += Math.max(0, cpu - (before.get(tid) ?? 0));
  return ns;
}
