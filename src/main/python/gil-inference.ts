import { inferGilHolds, type Segment, type TaskState } from '../../shared';

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

const SLEEPING: ReadonlySet<TaskState> = new Set(['sleep', 'blocked']);
/** A sleep longer than this is not one GIL wait: a waiter wakes every switch interval (5 ms) to ask again; join() and queue.get() sleep long. */
const MAX_GIL_SLEEP_MS = 60;

/**
 * GIL waits from the threads' own states, for each interpreter with a GIL
 * (`gilPidOf`: task id -> its process's pid): who holds the GIL is inferred
 * from who runs (inferGilHolds); a sibling's sleep of at most
 * MAX_GIL_SLEEP_MS during which another thread held it is a wait for it
 * (the whole sleep: the hand-over itself, when the holder has let go and the
 * waiter is not awake yet, is part of the wait). A runnable thread stays
 * "waiting for a CPU": measured against uprobes on take_gil, a CPU-bound
 * thread's real wait matched its short sleeps, while its run-queue time was
 * mostly holding the GIL, preempted, or leaving drop_gil. With exact switch
 * records this follows each hand-over; with /proc sampling it is as coarse
 * as the samples. An inference, marked so; a thread that sleeps briefly for
 * its own reasons (time.sleep(0.01)) while a sibling computes is taken for a
 * waiter.
 */
export function gilWaitsFromStates(segments: readonly Segment[], gilPidOf: ReadonlyMap<string, number>): InferredInterval[] {
  const byPid = new Map<number, Map<string, Segment[]>>();
  for (const s of segments) {
    const pid = gilPidOf.get(s.taskId);
    if (pid === undefined) continue;
    const threads = byPid.get(pid) ?? new Map<string, Segment[]>();
    byPid.set(pid, threads);
    const l = threads.get(s.taskId) ?? [];
    l.push(s);
    threads.set(s.taskId, l);
  }
  const out: InferredInterval[] = [];
  for (const threads of byPid.values()) {
    if (threads.size < 2) continue;
    const ids = [...threads.keys()];
    const lists = ids.map((id) => (threads.get(id) as Segment[]).sort((a, b) => a.startMs - b.startMs));
    const holds = inferGilHolds(lists.map((l, task) => ({ task, spans: l.map((s, i) => ({ start: s.startMs, end: s.endMs, state: s.state, segment: i })) })));
    lists.forEach((list, task) => {
      for (const s of list) {
        if (!SLEEPING.has(s.state) || s.endMs - s.startMs > MAX_GIL_SLEEP_MS) continue;
        // First hold ending after the sleep starts (binary search), then any sibling's hold inside it.
        let lo = 0;
        let hi = holds.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (holds[mid]!.end <= s.startMs) lo = mid + 1;
          else hi = mid;
        }
        for (let k = lo; k < holds.length && holds[k]!.start < s.endMs; k++) {
          if (holds[k]!.holder === task) continue;
          out.push({ taskId: ids[task]!, startMs: s.startMs, endMs: s.endMs });
          break;
        }
      }
    });
  }
  return out;
}

/** Overlays state-based GIL waits (gilWaitsFromStates) on segments: short sleeps while a sibling held the GIL. */
export function applyGilWaitsFromStates(segments: Segment[], gilPidOf: ReadonlyMap<string, number>): Segment[] {
  return applyInferredGilWait(segments, gilWaitsFromStates(segments, gilPidOf));
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
    if (!list || !SLEEPING.has(s.state)) {
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
