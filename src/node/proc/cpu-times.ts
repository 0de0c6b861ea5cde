import { readFileSync } from 'node:fs';
import { parseProcStatCpu } from './parse';

/** The machine's CPU time so far, all cores together, in clock ticks (the first line of /proc/stat). */
export interface CpuTimes {
  /** idle + iowait: time no task wanted a CPU. */
  idle: number;
  total: number;
}

/** The aggregate `cpu` line of /proc/stat (the one parser, ./parse.ts) as idle and total ticks; null when it is not there. */
export function parseCpuTimes(text: string): CpuTimes | null {
  const cpu = parseProcStatCpu(text);
  return cpu ? { idle: cpu.total - cpu.busy, total: cpu.total } : null;
}

export function readCpuTimes(): CpuTimes | null {
  try {
    return parseCpuTimes(readFileSync('/proc/stat', 'latin1'));
  } catch {
    return null;
  }
}

/** Share of the machine's CPU time that was idle between two readings (0-1), or null without a delta. */
export function idleShare(before: CpuTimes, after: CpuTimes): number | null {
  const total = after.total - before.total;
  return total > 0 ? Math.min(1, Math.max(0, (after.idle - before.idle) / total)) : null;
}
