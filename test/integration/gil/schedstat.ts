import { readFileSync } from 'node:fs';

/** Exact on-CPU ns of one thread of this process (first field of schedstat). */
export function onCpuNs(tid: number, pid: number = process.pid): number {
  return Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
}
