import { existsSync, readFileSync, readdirSync } from 'node:fs';

/** Whether a process exists and is not a zombie (a zombie has exited; it only waits to be reaped). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return !/\) Z /.test(stat);
  } catch {
    return false;
  }
}

/** Waits until none of the pids is alive, or the timeout; returns the pids still alive. */
export async function waitAllGone(pids: number[], timeoutMs = 5000): Promise<number[]> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const alive = pids.filter(isAlive);
    if (alive.length === 0 || Date.now() > end) return alive;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every live process whose environment holds the marker (how tests find a run's children without trusting the run). */
export function pidsWithEnv(marker: string): number[] {
  if (!existsSync('/proc')) return [];
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, 'latin1').includes(marker) && isAlive(Number(name))) found.push(Number(name));
    } catch {
      /* gone or not ours */
    }
  }
  return found;
}

/** Live direct children of a process, from /proc/<pid>/stat field 4 (ppid). */
export function childrenOf(parent: number): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === parent && fields[0] !== 'Z') found.push(Number(name));
    } catch {
      /* gone */
    }
  }
  return found;
}
