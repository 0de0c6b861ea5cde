/**
 * The one parser of a task's stat line (/proc/<pid>/stat, /proc/<pid>/task/<tid>/stat,
 * /proc/thread-self/stat). The comm (field 2) is in parentheses and may hold
 * spaces and ')' itself, so the fields are counted after the LAST ')'. A field
 * the line does not have is null: each caller decides whether it can do
 * without (the sampler cannot without a core; the tracer needs none).
 */
export interface TaskStat {
  /** Field 1: the pid (tid for a thread's own entry). */
  id: number;
  /** Field 2: the command name, without its parentheses. */
  comm: string;
  /** Field 3: R running or runnable, S sleeping, D uninterruptible, T/t stopped, Z/X dead, I idle. */
  state: string;
  /** Field 4: the parent's pid (0 for the kernel's own first threads). */
  ppid: number | null;
  /** Field 22: when the task started, clock ticks after boot (sysconf(_SC_CLK_TCK), usually 100 per second). */
  startTime: number | null;
  /** Field 39: the core it runs on when running, else the core it last ran on (stale while it sleeps). */
  core: number | null;
}

/** Fields after the comm start at field 3; field n is at index n - 3. */
const AFTER_COMM_BASE = 3;

const count = (text: string | undefined): number | null => {
  if (text === undefined || !/^\d+$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
};

/** Parses a stat line; null when it is not one (no comm in parentheses, no pid, no one-letter state). */
export function parseTaskStat(text: string): TaskStat | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const id = count(text.slice(0, open).trim());
  const rest = text.slice(close + 2).trimEnd().split(' ');
  const field = (n: number): string | undefined => rest[n - AFTER_COMM_BASE];
  const state = field(3);
  if (id === null || !state || state.length !== 1 || text[close + 1] !== ' ') return null;
  return { id, comm: text.slice(open + 1, close), state, ppid: count(field(4)), startTime: count(field(22)), core: count(field(39)) };
}

const SPACE = 0x20;
const NEWLINE = 0x0a;
const CLOSE_PAREN = 0x29;

/**
 * The sampler's hot path: state and core (fields 3 and 39) straight from the
 * bytes of a stat read, without building strings. Same contract as
 * parseTaskStat for these two fields (a unit test holds them to it): null when
 * the bytes are not a stat line, core null when the line has no field 39.
 */
export function parseTaskStatBytes(buf: Uint8Array, len: number): { state: string; core: number | null } | null {
  let close = -1;
  for (let i = len - 1; i >= 0; i--) {
    if (buf[i] === CLOSE_PAREN) {
      close = i;
      break;
    }
  }
  // Field 3 is one letter, two bytes after the ')'.
  const stateAt = close + 2;
  if (close < 0 || stateAt >= len || buf[close + 1] !== SPACE) return null;
  const after = buf[stateAt + 1];
  if (stateAt + 1 < len && after !== SPACE && after !== NEWLINE) return null;
  const state = String.fromCharCode(buf[stateAt]!);
  let field = 3;
  let i = stateAt;
  while (i < len && field < 39) {
    if (buf[i] === SPACE) field++;
    i++;
  }
  if (field !== 39) return { state, core: null };
  let core = 0;
  let digits = 0;
  for (; i < len; i++) {
    const c = buf[i]!;
    if (c < 0x30 || c > 0x39) break;
    core = core * 10 + (c - 0x30);
    digits++;
  }
  const endsField = i === len || buf[i] === SPACE || buf[i] === NEWLINE;
  return { state, core: digits > 0 && endsField ? core : null };
}
