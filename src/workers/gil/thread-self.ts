import { readFileSync } from 'node:fs';

/** This thread's OS tid and current core, from /proc/thread-self/stat (Linux); nulls elsewhere. */
export function threadSelf(): { tid: number | null; core: number | null } {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const tid = Number.parseInt(stat, 10);
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const core = Number.parseInt(rest[36] ?? '', 10); // field 39 overall
    return { tid: Number.isFinite(tid) ? tid : null, core: Number.isFinite(core) ? core : null };
  } catch {
    return { tid: null, core: null };
  }
}
