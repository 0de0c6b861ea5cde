import type { Segment } from '../../shared';

/** futex syscall numbers: x86_64 202, arm64 98 (the first field of /proc/<pid>/task/<tid>/syscall). */
const FUTEX_SYSCALLS: Record<string, number> = { x64: 202, arm64: 98 };

/** Whether a sleeping thread sleeps on a futex (how a CPython thread waits for the GIL). */
export function sleepsOnFutex(site: { wchan: string | null; syscall: string | null }, arch: string = process.arch): boolean {
  if (site.wchan && site.wchan.includes('futex')) return true;
  const nr = site.syscall ? Number.parseInt(site.syscall, 10) : NaN;
  return Number.isFinite(nr) && nr === FUTEX_SYSCALLS[arch];
}

/** Whether a thread ran since the previous look (its timeslice count moved); remembers the count in `last`. */
export function wokeSince<K>(last: Map<K, number>, key: K, slices: number | null): boolean {
  const woke = slices !== null && slices !== (last.get(key) ?? slices);
  if (slices !== null) last.set(key, slices);
  return woke;
}

/** One thread at one sampling tick. */
export interface ThreadObservation {
  taskId: string;
  pid: number;
  state: string;
  futex: boolean;
  /**
   * Whether the thread ran at all since the previous tick (schedstat's
   * timeslice count moved). A GIL waiter wakes at least every switch interval
   * to ask for the lock; a thread blocked in join() or queue.get() does not.
   */
  woke: boolean;
}

export interface InferredInterval {
  taskId: string;
  startMs: number;
  endMs: number;
}

/**
 * Infers "waiting for the GIL" for threads of GIL interpreters: a thread that
 * sleeps (S) on a futex while a sibling thread of the same process runs (R),
 * and that woke since the previous tick (so not a long join or queue wait).
 * Only an inference (a futex is also a lock, a queue, a join), hence marked so.
 */
export class GilWaitInference {
  private readonly open = new Map<string, number>();
  private readonly intervals: InferredInterval[] = [];
  private lastMs = 0;

  observe(tMs: number, threads: ThreadObservation[], gilPids: ReadonlySet<number>): void {
    this.lastMs = tMs;
    const running = new Map<number, number>();
    for (const t of threads) if (t.state === 'R') running.set(t.pid, (running.get(t.pid) ?? 0) + 1);
    const now = new Set<string>();
    for (const t of threads) {
      if (!gilPids.has(t.pid)) continue;
      const siblingRuns = (running.get(t.pid) ?? 0) - (t.state === 'R' ? 1 : 0) > 0;
      if (t.state === 'S' && t.futex && t.woke && siblingRuns) now.add(t.taskId);
    }
    for (const id of now) if (!this.open.has(id)) this.open.set(id, tMs);
    for (const [id, start] of this.open) {
      if (now.has(id)) continue;
      this.intervals.push({ taskId: id, startMs: start, endMs: tMs });
      this.open.delete(id);
    }
  }

  finish(tMs: number = this.lastMs): InferredInterval[] {
    for (const [id, start] of this.open) this.intervals.push({ taskId: id, startMs: start, endMs: tMs });
    this.open.clear();
    return this.intervals.filter((i) => i.endMs > i.startMs);
  }
}

/**
 * Overlays inferred GIL waits on the sampler's segments: the part of a
 * sleeping/blocked segment inside an interval becomes 'gil-wait' with
 * inferred: true; times and ns are split in proportion. Running segments are
 * never overwritten (what the OS measured wins).
 */
export function applyInferredGilWait(segments: Segment[], intervals: InferredInterval[]): Segment[] {
  const byTask = new Map<string, InferredInterval[]>();
  for (const i of intervals) {
    let l = byTask.get(i.taskId);
    if (!l) byTask.set(i.taskId, (l = []));
    l.push(i);
  }
  for (const l of byTask.values()) l.sort((a, b) => a.startMs - b.startMs);
  const out: Segment[] = [];
  for (const s of segments) {
    const list = byTask.get(s.taskId);
    if (!list || (s.state !== 'sleep' && s.state !== 'blocked')) {
      out.push(s);
      continue;
    }
    let cursor = s.startMs;
    const len = s.endMs - s.startMs;
    const part = (a: number, b: number, gil: boolean) => {
      if (b - a <= 1e-9) return;
      const f = len > 0 ? (b - a) / len : 0;
      out.push({ ...s, startMs: a, endMs: b, onCpuNs: s.onCpuNs * f, waitNs: s.waitNs * f, ...(gil ? { state: 'gil-wait' as const, core: null, inferred: true } : {}) });
    };
    for (const i of list) {
      if (i.endMs <= cursor || i.startMs >= s.endMs) continue;
      const a = Math.max(cursor, i.startMs);
      const b = Math.min(s.endMs, i.endMs);
      part(cursor, a, false);
      part(a, b, true);
      cursor = b;
    }
    part(cursor, s.endMs, false);
  }
  return out;
}
