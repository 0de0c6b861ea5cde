import { readFileSync } from 'node:fs';
import { monoMs } from '../clock';
import { parseTaskStat } from './task-stat';

/** USER_HZ: the unit of /proc's clock-tick fields, 100 on every Linux architecture Node runs on. */
const TICKS_PER_S = 100;

/**
 * When the kernel started a task, as CLOCK_MONOTONIC ms, to 10 ms (stat field
 * 22 counts clock ticks since boot; /proc/uptime gives boot-based "now", so
 * the difference from monoMs() places it on the trace's clock). null when the
 * task is gone or the fields cannot be read.
 */
export function taskBirthMono(pid: number, tid: number): number | null {
  try {
    const stat = parseTaskStat(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'latin1'));
    const uptimeS = Number(readFileSync('/proc/uptime', 'latin1').split(' ')[0]);
    if (!stat || stat.startTime === null || !Number.isFinite(uptimeS)) return null;
    return birthMono(stat.startTime, uptimeS, monoMs());
  } catch {
    return null;
  }
}

/** Pure: start time in ticks after boot, boot-based uptime and monotonic now -> the birth on the monotonic clock. */
export function birthMono(startTicks: number, uptimeS: number, nowMono: number): number {
  return nowMono - (uptimeS * 1000 - (startTicks * 1000) / TICKS_PER_S);
}
