import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { parseSchedstat } from './schedstat';
import { parseTaskStat, type TaskStat } from './task-stat';

/**
 * Reading a process tree from /proc (Linux). Every function tolerates a task
 * that vanished between two reads (returns empty/null), since traced programs
 * start and end threads at any moment.
 */

function read(path: string): string | null {
  try {
    return readFileSync(path, 'latin1');
  } catch {
    return null;
  }
}

export function threadsOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).map(Number).filter(Number.isInteger);
  } catch {
    return [];
  }
}

/** Children of a process: /proc/<pid>/task/<tid>/children when the kernel has it, else a scan of every ppid. */
export function childrenOf(pid: number): number[] {
  const tids = threadsOf(pid);
  const lists = tids.map((tid) => read(`/proc/${pid}/task/${tid}/children`));
  if (lists.length > 0 && lists.every((l) => l !== null)) {
    return [...new Set(lists.flatMap((l) => l!.split(' ').filter(Boolean).map(Number)))];
  }
  const out: number[] = [];
  for (const name of safeReaddir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const st = read(`/proc/${name}/stat`);
    if (st && parseTaskStat(st)?.ppid === pid) out.push(Number(name));
  }
  return out;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The root and every descendant process, breadth first. */
export function processTree(root: number): number[] {
  const seen = new Set<number>();
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    if (seen.has(pid) || read(`/proc/${pid}/stat`) === null) continue;
    seen.add(pid);
    queue.push(...childrenOf(pid));
  }
  return [...seen];
}

export function threadStat(pid: number, tid: number): TaskStat | null {
  const st = read(`/proc/${pid}/task/${tid}/stat`);
  return st ? parseTaskStat(st) : null;
}

export function exeOf(pid: number): string | null {
  try {
    return readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return null;
  }
}

/** Where the thread sleeps in the kernel (e.g. "futex_wait_queue"), and its current syscall line. */
export function sleepSite(pid: number, tid: number): { wchan: string | null; syscall: string | null } {
  return { wchan: read(`/proc/${pid}/task/${tid}/wchan`), syscall: read(`/proc/${pid}/task/${tid}/syscall`) };
}

export function isZombie(pid: number): boolean {
  const st = read(`/proc/${pid}/stat`);
  return st === null || parseTaskStat(st)?.state === 'Z';
}

/** Timeslices run so far (third field of schedstat), or null when gone. */
export function timeslices(pid: number, tid: number): number | null {
  const s = read(`/proc/${pid}/task/${tid}/schedstat`);
  return s ? (parseSchedstat(s)?.timeslices ?? null) : null;
}
