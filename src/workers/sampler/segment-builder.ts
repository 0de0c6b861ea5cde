import type { Segment, TaskState, WorkerPhase } from '../../shared';
import { offCpuState, phaseOnlyState } from './classify';

/** One sample of one task, as the sampler loop hands it over. Times in ms since run start. */
export interface Observation {
  tMs: number;
  /** Kernel state letter; null when the OS does not tell (portable fallback). */
  letter: string | null;
  /** Last core from stat field 39; null when unknown. */
  core: number | null;
  /** Cumulative schedstat counters; null when unknown. */
  onCpuNs: number | null;
  waitNs: number | null;
  /** The workload's own report (phase slot or message), null when none. */
  phase: WorkerPhase | null;
  /** Core the workload read for itself while computing (exact), null when none. */
  phaseCore: number | null;
}

export interface TimelineOptions {
  /**
   * schedstat read from another core advances in scheduler ticks, and a queued
   * task's wait is only added when it gets a CPU. An R-state span with no
   * counter movement for longer than this is taken as waiting in a run queue.
   */
  resolveAfterMs: number;
}

/** Share of an off-CPU interval that gets its own running or runnable piece. */
const MIN_SHARE = 0.1;

interface PendingInterval {
  startMs: number;
  endMs: number;
  core: number | null;
}

/**
 * Pure run-length segment builder for one task. Running vs runnable comes from
 * the schedstat deltas (on-CPU ns vs run-queue wait ns), never from the letter
 * R alone; every delta lands in exactly one segment, so per-task totals equal
 * the schedstat totals between the first and last observation.
 */
export class TaskTimeline {
  private prev: Observation | null = null;
  private open: Segment | null = null;
  private pending: { intervals: PendingInterval[]; onNs: number; waitNs: number } | null = null;
  private lastRunCore: number | null = null;
  private lastRState: TaskState = 'running';
  /** Core changes seen (field 39 or the workload's own exact report). */
  migrations = 0;
  /** Totals of every delta taken in, for checks. */
  totalOnCpuNs = 0;
  totalWaitNs = 0;

  constructor(
    readonly taskId: string,
    private readonly options: TimelineOptions = { resolveAfterMs: 20 },
  ) {}

  /** Takes one sample; returns the segments it closed. The first sample is the baseline. */
  observe(o: Observation): Segment[] {
    const out: Segment[] = [];
    const prev = this.prev;
    this.prev = o;
    const core = this.coreOf(o);
    if (core !== null) {
      if (this.lastRunCore !== null && core !== this.lastRunCore) this.migrations++;
      this.lastRunCore = core;
    }
    if (!prev || o.tMs <= prev.tMs) return out;
    const dOn = delta(prev.onCpuNs, o.onCpuNs);
    const dWait = delta(prev.waitNs, o.waitNs);
    this.totalOnCpuNs += dOn;
    this.totalWaitNs += dWait;
    const interval: PendingInterval = { startMs: prev.tMs, endMs: o.tMs, core };

    if (o.letter === null) {
      const state = phaseOnlyState(o.phase);
      this.append(out, interval.startMs, interval.endMs, state, null, dOn, dWait);
      return out;
    }
    if (o.letter === 'R') {
      this.addPending(interval, dOn, dWait);
      const p = this.pending!;
      const spanMs = interval.endMs - (p.intervals[0]?.startMs ?? interval.endMs);
      if (dOn > 0 || dWait > 0 || spanMs > this.options.resolveAfterMs) this.resolvePending(out, 'runnable');
      return out;
    }
    // Not in a run queue now.
    const offState = offCpuState(o.letter, o.phase);
    if (this.pending) {
      if (this.pending.onNs + this.pending.waitNs + dOn + dWait > 0) {
        // It was on a CPU or queued until some time inside this interval.
        this.addPending(interval, dOn, dWait);
        this.resolvePending(out, offState, offState);
      } else {
        this.resolvePending(out, offState);
        this.append(out, interval.startMs, interval.endMs, offState, null, 0, 0);
      }
      return out;
    }
    this.splitOffCpuInterval(out, interval, offState, dOn, dWait);
    return out;
  }

  /** Closes the open segment (a batch boundary); the next one continues seamlessly. */
  cut(): Segment[] {
    const out: Segment[] = [];
    if (this.open) out.push(this.open);
    this.open = null;
    return out;
  }

  /** Resolves anything pending and closes the open segment (untrack, stop, task gone). */
  finish(): Segment[] {
    const out: Segment[] = [];
    // A second pass resolves what the first left pending (no counters: it ends in its last R state).
    for (let i = 0; i < 2 && this.pending; i++) this.resolvePending(out, this.lastRState);
    return [...out, ...this.cut()];
  }

  /**
   * Asleep at both ends of the interval, but it may have woken, queued and run
   * in between (the counters say how long, not when). Shares of at least
   * MIN_SHARE become their own pieces, placed off-CPU, then queued, then
   * running; smaller shares stay inside the off-CPU piece (exact ns either way),
   * so a task that runs 30% of each millisecond does not look asleep, and a
   * 20 us wake-up does not cost a segment.
   */
  private splitOffCpuInterval(out: Segment[], iv: PendingInterval, offState: TaskState, dOn: number, dWait: number): void {
    const spanNs = (iv.endMs - iv.startMs) * 1e6;
    const minNs = MIN_SHARE * spanNs;
    const showOn = dOn >= minNs;
    const showWait = dWait >= minNs;
    if (!showOn && !showWait) {
      this.append(out, iv.startMs, iv.endMs, offState, null, dOn, dWait);
      return;
    }
    // Counters can exceed the span by a little (read instants); scale the pieces to fit.
    const shownNs = (showOn ? dOn : 0) + (showWait ? dWait : 0);
    const scale = shownNs > spanNs ? spanNs / shownNs : 1;
    const runMs = showOn ? (dOn * scale) / 1e6 : 0;
    const waitMs = showWait ? (dWait * scale) / 1e6 : 0;
    const waitStart = iv.endMs - runMs - waitMs;
    const runStart = iv.endMs - runMs;
    // The ns too small to show ride in the first piece, so every delta lands somewhere.
    let restOn = showOn ? 0 : dOn;
    let restWait = showWait ? 0 : dWait;
    if (waitStart > iv.startMs) {
      this.append(out, iv.startMs, waitStart, offState, null, restOn, restWait);
      restOn = restWait = 0;
    }
    if (showWait) {
      this.append(out, waitStart, runStart, 'runnable', null, restOn, dWait + restWait);
      restOn = restWait = 0;
    }
    if (showOn) this.append(out, runStart, iv.endMs, 'running', iv.core, dOn + restOn, restWait);
  }

  private coreOf(o: Observation): number | null {
    if (o.phase === 'compute' && o.phaseCore !== null && o.phaseCore >= 0) return o.phaseCore;
    return o.core;
  }

  private addPending(interval: PendingInterval, dOn: number, dWait: number): void {
    if (!this.pending) this.pending = { intervals: [], onNs: 0, waitNs: 0 };
    this.pending.intervals.push(interval);
    this.pending.onNs += dOn;
    this.pending.waitNs += dWait;
  }

  /**
   * Resolves the pending R span with its counters. The kernel adds a wait
   * when the task gets its CPU, so the queued time comes first and lasts
   * exactly waitNs; after it the task ran: to the end of the span when it is
   * still in R (the on-CPU ns of a run just begun arrive with the next tick),
   * or for onNs when it went off the CPU (`offState`), which then fills the
   * rest. Each running interval keeps its own core. With no counter movement
   * at all, the span is `idleState`. Every ns lands in exactly one piece.
   */
  private resolvePending(out: Segment[], idleState: TaskState, offState: TaskState | null = null): void {
    const p = this.pending;
    this.pending = null;
    if (!p || p.intervals.length === 0) return;
    const start = p.intervals[0]!.startMs;
    const end = p.intervals[p.intervals.length - 1]!.endMs;
    if (p.onNs + p.waitNs === 0) {
      // A span in R with no counter movement closed as running (at untrack or stop) keeps the
      // interval's core, else the last core seen: unknown only when the OS never told one.
      for (const iv of p.intervals) this.append(out, iv.startMs, iv.endMs, offState ?? idleState, iv.core ?? this.lastRunCore, 0, 0);
      if (idleState === 'running' || idleState === 'runnable') this.lastRState = idleState;
      return;
    }
    const runStart = Math.min(end, start + p.waitNs / 1e6);
    // Never more running than the kernel counted: still in R, the time past what the counters hold stays pending (the next tick tells).
    const runEnd = Math.min(end, runStart + p.onNs / 1e6);
    let restOn = p.onNs;
    if (runStart > start || runEnd <= runStart) {
      // The on-CPU ns ride here only when no running piece has room for them.
      const onHere = runEnd > runStart ? 0 : restOn;
      this.append(out, start, Math.max(runStart, start), 'runnable', null, onHere, p.waitNs);
      restOn -= onHere;
    } else if (p.waitNs > 0) {
      this.append(out, start, start, 'runnable', null, 0, p.waitNs);
    }
    if (runEnd > runStart) {
      const runMs = runEnd - runStart;
      const running = p.intervals.filter((iv) => iv.endMs > runStart && iv.startMs < runEnd);
      let given = 0;
      running.forEach((iv, i) => {
        const s = Math.max(iv.startMs, runStart);
        const e = Math.min(iv.endMs, runEnd);
        const ns = i === running.length - 1 ? restOn - given : (restOn * (e - s)) / runMs;
        given += ns;
        this.append(out, s, e, 'running', iv.core ?? this.lastRunCore, ns, 0);
      });
    }
    if (offState !== null && runEnd < end) this.append(out, runEnd, end, offState, null, 0, 0);
    this.lastRState = runEnd > runStart ? 'running' : 'runnable';
    if (offState === null && runEnd < end) {
      const rest = p.intervals.filter((iv) => iv.endMs > runEnd).map((iv) => ({ ...iv, startMs: Math.max(iv.startMs, runEnd) }));
      if (rest.length) this.pending = { intervals: rest, onNs: 0, waitNs: 0 };
    }
  }

  private append(out: Segment[], startMs: number, endMs: number, state: TaskState, core: number | null, onNs: number, waitNs: number): void {
    const c = state === 'running' ? core : null;
    const o = this.open;
    if (o && o.state === state && o.core === c && o.endMs === startMs) {
      o.endMs = endMs;
      o.onCpuNs += onNs;
      o.waitNs += waitNs;
      return;
    }
    if (o) out.push(o);
    this.open = { taskId: this.taskId, startMs, endMs, state, core: c, onCpuNs: onNs, waitNs };
  }
}

function delta(before: number | null, after: number | null): number {
  if (before === null || after === null) return 0;
  return after > before ? after - before : 0;
}
