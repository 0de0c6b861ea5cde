import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseProcStatCpu } from './parse';
import { processTree } from './proc-tree';
import { parseTaskStat } from './task-stat';

/**
 * How busy the machine is with other programs: every core's busy ticks from
 * /proc/stat minus what this process and its descendants used (their own and
 * their reaped children's ticks). Linux only; null elsewhere, never a guess.
 */

function read(path: string): string | null {
  try {
    return readFileSync(path, 'latin1');
  } catch {
    return null;
  }
}

/** Ticks used so far by a process tree: each live process's own and reaped children's user + system time. */
export function treeTicks(root: number = process.pid): number | null {
  let sum = 0;
  let seen = 0;
  for (const pid of processTree(root)) {
    const t = parseTaskStat(read(`/proc/${pid}/stat`) ?? '')?.cpuTicks;
    if (!t) continue;
    sum += t.utime + t.stime + t.cutime + t.cstime;
    seen++;
  }
  return seen > 0 ? sum : null;
}

interface LoadReading {
  cpu: { busy: number; total: number };
  own: number;
}

function readLoad(): LoadReading | null {
  const cpu = parseProcStatCpu(read('/proc/stat') ?? '');
  const own = treeTicks();
  return cpu && own !== null ? { cpu, own } : null;
}

/** Cores' worth of CPU other programs used between two readings (all of it for the machine when the window is empty). */
export function otherCoresBetween(a: LoadReading, b: LoadReading, cores: number): number | null {
  const total = b.cpu.total - a.cpu.total;
  if (total <= 0) return null;
  const other = b.cpu.busy - a.cpu.busy - (b.own - a.own);
  return Math.max(0, (other / total) * cores);
}

export interface LoadMeter {
  /** Cores' worth of CPU other programs used since the meter started; null where /proc does not say. */
  stop(): number | null;
}

export function startLoadMeter(cores: number = availableParallelism()): LoadMeter {
  const start = readLoad();
  return {
    stop() {
      const end = readLoad();
      return start && end ? otherCoresBetween(start, end, cores) : null;
    },
  };
}
