import { readFileSync } from 'node:fs';

/** The machine's CPU time so far, all cores together, in clock ticks (the first line of /proc/stat). */
export interface CpuTimes {
  /** idle + iowait: time no task wanted a CPU. */
  idle: number;
  total: number;
}

/** Parses /proc/stat's aggregate `cpu` line; null when it is not there. */
export function parseCpuTimes(text: string): CpuTimes | null {
  const line = text.split('\n', 1)[0] ?? '';
  const fields = line.trim().split(/\s+/);
  if (fields[0] !== 'cpu' || fields.length < 6) return null;
  const ticks = fields.slice(1, 9).map(Number);
  if (!ticks.every((n) => Number.isFinite(n) && n >= 0)) return null;
  return { idle: ticks[3]! + ticks[4]!, total: ticks.reduce((a, b) => a + b, 0) };
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
