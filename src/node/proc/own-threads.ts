import { readdirSync, readFileSync } from 'node:fs';
import { parseSchedstat } from './schedstat';
import { taskBirthMono } from './task-birth';

/** On-CPU ns so far of each thread of this process, by tid: a reading of /proc/self/task. */
export type ThreadsCpu = ReadonlyMap<number, number>;

/** A birth is known to 10 ms (stat field 22): a thread born this close before the run's start counts as born in it. */
const BIRTH_SLACK_MS = 10;

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
 * This process's threads' CPU as of the run's start (CLOCK_MONOTONIC ms), read a little later (once the
 * sampler is up): a thread born since the start (the sampler thread) counts from 0, so its start-up is in the run.
 */
export function ownThreadsSince(runStartMono: number): ThreadsCpu | null {
  const now = readOwnThreadsCpu();
  if (!now) return null;
  return new Map([...now].map(([tid, ns]) => [tid, (taskBirthMono(process.pid, tid) ?? -Infinity) >= runStartMono - BIRTH_SLACK_MS ? 0 : ns]));
}

/**
 * Pure: on-CPU ns between two readings that no lane of the run shows. A
 * thread without a lane counts in full; an app thread with a lane (main,
 * sampler: `appLanes`, tid to its lane's on-CPU ns) counts beyond its lane
 * (the sampler's start-up before its lane began); the run's workload threads
 * (`workloads`) are the run's work, not Corelanes'. A thread born after
 * `before` counts from 0; one that ended before `now` is missing from it and
 * is not counted.
 */
export function restOfProcessNs(before: ThreadsCpu, now: ThreadsCpu, appLanes: ReadonlyMap<number, number>, workloads: ReadonlySet<number>): number {
  let ns = 0;
  for (const [tid, cpu] of now) {
    if (workloads.has(tid)) continue;
    const used = Math.max(0, cpu - (before.get(tid) ?? 0));
    ns += Math.max(0, used - (appLanes.get(tid) ?? 0));
  }
  return ns;
}
