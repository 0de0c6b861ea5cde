/**
 * Pure parsers of the small Linux /proc files (statm, sched, smaps, the
 * thread-self link). No I/O here, so every edge case is unit tested. The stat
 * line has its own file (task-stat.ts), and so has schedstat (schedstat.ts).
 */

/** /proc/<pid>/statm field 2 is the resident set in pages. */
export function parseStatmRssPages(text: string): number | null {
  const rss = Number(text.trim().split(/\s+/)[1]);
  return Number.isInteger(rss) && rss >= 0 ? rss : null;
}

/** `se.nr_migrations` from /proc/<pid>/task/<tid>/sched: the kernel's own migration count. */
export function parseNrMigrations(text: string): number | null {
  const m = /^se\.nr_migrations\s*:\s*(\d+)\s*$/m.exec(text);
  return m ? Number(m[1]) : null;
}

/** The first `KernelPageSize: N kB` of /proc/self/smaps, in bytes. */
export function parseKernelPageSize(text: string): number | null {
  const m = /^KernelPageSize:\s*(\d+)\s*kB/m.exec(text);
  return m ? Number(m[1]) * 1024 : null;
}

/** readlink('/proc/thread-self') is "<pid>/task/<tid>". */
export function parseThreadSelfLink(link: string): { pid: number; tid: number } | null {
  const m = /^(\d+)\/task\/(\d+)$/.exec(link.trim());
  return m ? { pid: Number(m[1]), tid: Number(m[2]) } : null;
}
