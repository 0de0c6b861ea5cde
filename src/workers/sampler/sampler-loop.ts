import type { FromSampler, SamplerInit, ToSampler, WorkerPhase } from '../../shared';
import { pullMessages } from './messages';
import { phaseSlotView, readPhaseSlot } from '../../node/phase-slot';
import { TaskTimeline } from './segment-builder';
import { startingSpan } from './starting-span';
import { SelfStats } from './self-stats';
import { IntervalBudget } from './interval-budget';
import type { ObservationSource, TaskHandle } from './sources/source';
import { AddressSpaces, Outbox } from './outbox';

interface Tracked {
  pid: number;
  tid: number;
  handle: TaskHandle;
  timeline: TaskTimeline;
  slot: Int32Array | null;
  reported: { phase: WorkerPhase; core: number | null } | null;
  /** Consecutive reads asleep with unchanged counters; from 2 on the task is read less often. */
  idleStreak: number;
  lastOn: number | null;
  lastWait: number | null;
  lastPhase: WorkerPhase | null;
  /** Staggers idle reads so they spread over the samples. */
  stagger: number;
  /**
   * The sampler thread itself: it always reads its own state as R (it is
   * running while it reads), so its letter says nothing; its counters do.
   */
  isSelf: boolean;
}

export interface LoopIo {
  /** Next queued message from the main side, or undefined (non-blocking). */
  receive(): unknown;
  /** `transfer`: buffers handed over, not copied (the batch's segment frame). */
  post(message: FromSampler, transfer?: ArrayBuffer[]): void;
  /** CLOCK_MONOTONIC ms. */
  now(): number;
  /** Blocks the thread until the given monotonic ms (Atomics.wait). */
  sleepUntil(monoMs: number): void;
}

/**
 * The sampling loop: wakes at each absolute deadline, reads every tracked
 * task, feeds the segment builders, ships closed segments every batchMs and
 * RSS every memoryMs. It never keeps raw samples, only open segments.
 */
export class SamplerLoop {
  private readonly tasks = new Map<string, Tracked>();
  /** The same tasks as an array, for the hot loop. */
  private order: Tracked[] = [];
  private sampleIndex = 0;
  private nextStagger = 0;
  private readonly spaces: AddressSpaces;
  private readonly out = new Outbox();
  private readonly stats: SelfStats;
  /** /proc with a CPU budget: picks the interval from the sampler's own measured cost; null: a fixed interval. */
  private readonly budget: IntervalBudget | null;
  private stopped = false;

  constructor(
    private readonly init: SamplerInit,
    private readonly source: ObservationSource,
    private readonly io: LoopIo,
    choice: ConstructorParameters<typeof SelfStats>[2] = {},
  ) {
    this.stats = new SelfStats(init.intervalMs, source.name, choice);
    this.spaces = new AddressSpaces(source);
    // A budget needs the own CPU measured (the portable source cannot) and room above the requested interval.
    const percent = init.cpuBudgetPercent;
    const budget = percent !== null && source.selfOnCpuNs() !== null ? new IntervalBudget({ finestMs: init.intervalMs, budgetPercent: percent }) : null;
    this.budget = budget && budget.coarsestMs > budget.finestMs ? budget : null;
    if (this.budget && percent !== null) this.stats.budgeted(percent, this.budget.coarsestMs);
  }

  run(): void {
    const { batchMs, memoryMs } = this.init;
    let intervalMs = this.init.intervalMs;
    let deadline = this.io.now();
    let nextBatch = deadline + batchMs;
    let nextMemory = deadline;
    this.stats.sampled(deadline, this.source.selfOnCpuNs(), false);
    while (!this.stopped) {
      this.drainMessages();
      if (this.stopped) break;
      const now = this.io.now();
      this.sampleAll(now);
      if (now >= nextMemory) {
        this.sampleMemory(now);
        nextMemory = now + memoryMs;
      }
      if (now >= nextBatch) {
        const own = this.source.selfOnCpuNs();
        this.stats.sampled(now, own, false);
        if (this.budget && own !== null) {
          intervalMs = this.budget.observe(now, own, this.sampleIndex);
          this.stats.interval(intervalMs);
        }
        this.ship(true);
        nextBatch = now + batchMs;
      }
      deadline += intervalMs;
      // Fell behind (descheduled): skip the missed deadlines instead of bursting.
      if (deadline < now) deadline = now + intervalMs;
      this.io.sleepUntil(deadline);
    }
    this.finishAll();
  }

  private relMs(mono: number): number {
    return Math.max(0, mono - this.init.runStartMono);
  }

  private drainMessages(): void {
    pullMessages(this.io, (msg) => {
      this.handle(msg);
      return this.stopped;
    });
  }

  private handle(msg: ToSampler): void {
    switch (msg.type) {
      case 'track':
        return this.track(msg.taskId, msg.pid, msg.tid, msg.phaseSlot);
      case 'untrack':
        return this.untrack(msg.taskId, this.io.now());
      case 'phase': {
        const t = this.tasks.get(msg.taskId);
        if (t) t.reported = { phase: msg.phase, core: msg.core !== null && msg.core >= 0 ? msg.core : null };
        return;
      }
      case 'stop':
        this.stopped = true;
        return;
    }
  }

  private track(taskId: string, pid: number, tid: number, slot: { buffer: SharedArrayBuffer; offset: number } | null): void {
    if (this.tasks.has(taskId)) this.untrack(taskId, this.io.now());
    const handle = this.source.openTask(pid, tid);
    if (!handle) {
      this.out.markers.push({ tMs: this.relMs(this.io.now()), kind: 'error', taskId, text: `sampler: task ${pid}/${tid} is gone, not tracked` });
      return;
    }
    let view: Int32Array | null = null;
    if (slot) {
      try {
        view = phaseSlotView(slot.buffer, slot.offset);
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        this.out.markers.push({ tMs: this.relMs(this.io.now()), kind: 'error', taskId, text: `sampler: phase slot ignored: ${why}`.slice(0, 2000) });
      }
    }
    const tracked: Tracked = {
      pid,
      tid,
      handle,
      timeline: new TaskTimeline(taskId, { resolveAfterMs: Math.max(20, 5 * this.init.intervalMs) }),
      slot: view,
      reported: null,
      idleStreak: 0,
      lastOn: null,
      lastWait: null,
      lastPhase: null,
      stagger: this.nextStagger++,
      isSelf: tid === this.source.self().tid,
    };
    this.tasks.set(taskId, tracked);
    this.order = [...this.tasks.values()];
    this.spaces.add(pid);
    // Baseline read, so the totals start at track time; a task born during the run gets its start-up before it.
    const now = this.io.now();
    if (this.sampleOne(tracked, now)) this.startFromBirth(tracked, now);
  }

  /** The counters at the first read hold the task's start-up: drawn from its birth (stat field 22) when it was born during the run. */
  private startFromBirth(t: Tracked, now: number): void {
    const bornMono = this.source.taskBirthMono?.(t.pid, t.tid) ?? null;
    if (bornMono === null || bornMono < this.init.runStartMono || t.lastOn === null) return;
    const bornMs = this.relMs(bornMono);
    const taskId = t.timeline.taskId;
    this.out.segments.push(...startingSpan(taskId, bornMs, this.relMs(now), t.lastOn, t.lastWait ?? 0));
    this.out.born.push({ taskId, tMs: bornMs });
  }

  private untrack(taskId: string, now: number): void {
    const t = this.tasks.get(taskId);
    if (!t) return;
    if (this.sampleOne(t, now)) this.release(taskId, t);
  }

  private release(taskId: string, t: Tracked): void {
    this.out.segments.push(...t.timeline.finish());
    t.handle.close();
    this.tasks.delete(taskId);
    this.order = [...this.tasks.values()];
    this.spaces.release(t.pid);
  }

  /** Returns false when the task is gone (its timeline is then closed). */
  private sampleOne(t: Tracked, now: number): boolean {
    this.stats.read();
    const r = t.handle.read();
    if (!r) {
      this.release(t.timeline.taskId, t);
      return false;
    }
    const phase = t.slot ? readPhaseSlot(t.slot) : t.reported;
    const phaseNow = phase?.phase ?? null;
    const unchanged = r.onCpuNs === t.lastOn && r.waitNs === t.lastWait && r.onCpuNs !== null;
    t.idleStreak = unchanged && r.letter !== 'R' && phaseNow === t.lastPhase ? t.idleStreak + 1 : 0;
    t.lastOn = r.onCpuNs;
    t.lastWait = r.waitNs;
    t.lastPhase = phaseNow;
    const closed = t.timeline.observe({
      tMs: this.relMs(now),
      // Read as asleep, the sampler's own wake-ups are placed from its counters like any sleeper's.
      letter: t.isSelf && r.letter === 'R' ? 'S' : r.letter,
      core: r.core,
      onCpuNs: r.onCpuNs,
      waitNs: r.waitNs,
      phase: phase?.phase ?? null,
      phaseCore: phase?.core ?? null,
    });
    if (closed.length) this.out.segments.push(...closed);
    return true;
  }

  /** An idle task is due every idleReadEvery samples, or at once when its reported phase moved. */
  private due(t: Tracked): boolean {
    if (t.idleStreak < 2) return true;
    if ((this.sampleIndex + t.stagger) % this.init.idleReadEvery === 0) return true;
    const phase = t.slot ? readPhaseSlot(t.slot).phase : (t.reported?.phase ?? null);
    return phase !== t.lastPhase;
  }

  private sampleAll(now: number): void {
    this.sampleIndex++;
    for (const t of this.order) if (this.due(t)) this.sampleOne(t, now);
    this.stats.sampled(now, null);
  }

  private sampleMemory(now: number): void {
    this.spaces.read(this.relMs(now), this.out.memory);
  }

  /** Sends what is closed; with cut, also closes the open segments so the live view stays current. */
  private ship(cut: boolean): void {
    if (cut) for (const t of this.tasks.values()) this.out.segments.push(...t.timeline.cut());
    this.out.flush((m, transfer) => this.io.post(m, transfer), this.stats.result());
  }

  private finishAll(): void {
    const now = this.io.now();
    for (const [id, t] of [...this.tasks]) {
      if (this.sampleOne(t, now)) this.release(id, t);
    }
    this.stats.sampled(now, this.source.selfOnCpuNs(), false);
    this.ship(false);
    this.io.post({ type: 'stopped', stats: this.stats.result() });
  }
}
