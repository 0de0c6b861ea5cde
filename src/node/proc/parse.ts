/**
 * Pure parsers for the Linux /proc files the sampler reads. No I/O here, so
 * every edge case (a comm with spaces and parentheses) is unit tested.
 */

/** What /proc/<pid>/task/<tid>/stat tells the sampler. */
export interface TaskStat {
  comm: string;
  /** Field 3: R running or runnable, S sleeping, D uninterruptible, T/t stopped, Z/X dead, I idle. */
  state: string;
  /** Field 39: the core the task last ran on (stale while it sleeps). */
  processor: number;
  /** Fields 14-15, clock ticks (too coarse for timing, kept for completeness). */
  utimeTicks: number;
  stimeTicks: number;
}

/** Fields after the comm start at field 3; field n is at index n - 3. */
const AFTER_COMM_BASE = 3;

/**
 * Parses a task's stat line. The comm (field 2) is in parentheses and may hold
 * spaces and ')' itself, so the fields start after the LAST ')'.
 */
export function parseTaskStat(text: string): TaskStat | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const rest = text.slice(close + 2).trimEnd().split(' ');
  const field = (n: number): string | undefined => rest[n - AFTER_COMM_BASE];
  const state = field(3);
  const processor = Number(field(39));
  if (!state || state.length !== 1 || !Number.isInteger(processor) || processor < 0) return null;
  return {
    comm: text.slice(open + 1, close),
    state,
    processor,
    utimeTicks: Number(field(14)),
    stimeTicks: Number(field(15)),
  };
}

/** /proc/<pid>/task/<tid>/schedstat: on-CPU ns, run-queue wait ns, timeslices. */
export interface SchedStat {
  onCpuNs: number;
  waitNs: number;
  timeslices: number;
}

export function parseSchedstat(text: string): SchedStat | null {
  const parts = text.trim().split(/\s+/);
  if (parts.length < 3) return null;
  const [onCpuNs, waitNs, timeslices] = parts.map(Number) as [number, number, number];
  if (![onCpuNs, waitNs, timeslices].every((n) => Number.isFinite(n) && n >= 0)) return null;
  return { onCpuNs, waitNs, timeslices };
}

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

const SPACE = 0x20;
const CLOSE_PAREN = 0x29;

/**
 * The sampler's hot path: state and field 39 straight from the bytes of a stat
 * read, without building strings (same rules as parseTaskStat: fields start
 * after the LAST ')').
 */
export function parseTaskStatBytes(buf: Uint8Array, len: number): { state: string; processor: number } | null {
  let close = -1;
  for (let i = len - 1; i >= 0; i--) {
    if (buf[i] === CLOSE_PAREN) {
      close = i;
      break;
    }
  }
  if (close < 0 || close + 2 >= len) return null;
  const stateCode = buf[close + 2]!;
  // Field 3 starts at close + 2; field 39 is 36 spaces further.
  let field = 3;
  let i = close + 2;
  while (i < len && field < 39) {
    if (buf[i] === SPACE) field++;
    i++;
  }
  if (field !== 39) return null;
  let processor = 0;
  let digits = 0;
  for (; i < len; i++) {
    const c = buf[i]!;
    if (c < 0x30 || c > 0x39) break;
    processor = processor * 10 + (c - 0x30);
    digits++;
  }
  if (digits === 0 || buf[close + 3] !== SPACE) return null;
  return { state: String.fromCharCode(stateCode), processor };
}

/** The three numbers of a schedstat read, from its bytes. */
export function parseSchedstatBytes(buf: Uint8Array, len: number): SchedStat | null {
  const out = [0, 0, 0];
  let n = 0;
  let inNumber = false;
  for (let i = 0; i < len && n < 3; i++) {
    const c = buf[i]!;
    if (c >= 0x30 && c <= 0x39) {
      out[n] = out[n]! * 10 + (c - 0x30);
      inNumber = true;
    } else if (inNumber) {
      n++;
      inNumber = false;
    } else if (c !== SPACE && c !== 0x0a) {
      return null;
    }
  }
  if (inNumber) n++;
  if (n < 3) return null;
  return { onCpuNs: out[0]!, waitNs: out[1]!, timeslices: out[2]! };
}
