// /proc readings of Chromium's processes for the renderer benches: which processes a profile owns, their CPU and RSS.
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ; 100 on Linux). */
export const CLK_TCK = 100;

/** Chromium processes of one browser profile: the browser (its command line names the profile) and all its descendants, by type. */
export function chromiumProcesses(profileMarker: string): { pid: number; type: string }[] {
  const info = new Map<number, { ppid: number; type: string; marked: boolean }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Chromium rewrites its argv into one space-separated string: match on the whole line.
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const type = /--type=(\S+)/.exec(cmd)?.[1] ?? 'browser';
      info.set(Number(name), { ppid, type, marked: cmd.includes(profileMarker) && type === 'browser' });
    } catch {
      // process ended meanwhile
    }
  }
  const roots = [...info.entries()].filter(([, v]) => v.marked).map(([pid]) => pid);
  const isOurs = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 10; p = info.get(p)?.ppid ?? 0, hops++) if (roots.includes(p)) return true;
    return false;
  };
  return [...info.entries()].filter(([pid]) => isOurs(pid)).map(([pid, v]) => ({ pid, type: v.type }));
}

/** utime + stime of a process, in clock ticks; 0 once it is gone. */
export function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

export function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}
