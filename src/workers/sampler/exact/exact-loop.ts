import type { SamplerInit, SourceChoice, ToSampler } from '../../../shared';
import type { SwitchRecordSource, TimelineOutput } from '../../../node/switch-records';
import { PhaseLogReader, phaseSlotView } from '../../../node/phase-slot';
import { pullMessages } from '../messages';
import type { LoopIo } from '../sampler-loop';
import { TaskTimeline } from '../segment-builder';
import { SelfStats } from '../self-stats';
import type { ObservationSource, TaskHandle } from '../sources/source';
import { AddressSpaces, Outbox } from '../outbox';
import { descendsFrom } from '../../../node/proc/proc-tree';
import { PhaseHistory } from './phase-history';
import { toSegments } from './to-segments';
import { PendingSpans } from './pending-spans';

interface Tracked {
  taskId: string;
  pid: number;
  tid: number;
  phases: PhaseHistory;
  log: PhaseLogReader | null;
  /** When untrack came (ms since the run's start): nothing after it is drawn. */
  untrackedMs: number | null;
}

/** Spans of threads not (yet) tracked are kept this long, for a worker that says its tid late. */
const PENDING_KEEP_MS = 10_000;
const PENDING_MAX_PER_TID = 20_000;

/**
 * The exact source's loop (docs/sampling.md): the kernel writes every context
 * switch of the watched process tree into per-CPU rings; this thread wakes
 * every drainMs, reads them, and sends segments of the tracked tasks. Spans
 * of a tid come before the engine knows which task it is (a worker says its
 * tid after it started): they wait in `pending`, so a lane starts at the
 * task's birth. The sampler's own thread is left out of the records (its
 * wake-ups would cost twice); its lane comes from its /proc counters.
 */
export class ExactLoop {
  private readonly byTid = new Map<number, Tracked>();
  private readonly byTask = new Map<string, Tracked>();
  private readonly pending = new Map<number, PendingSpans>();
  private readonly bornNs = new Map<number, number>();
  private readonly spaces: AddressSpaces;
  private self: { taskId: string; handle: TaskHandle; timeline: TaskTimeline } | null = null;
  private readonly out = new Outbox();
  private readonly stats: SelfStats;
  private stopped = false;

  constructor(
    private readonly init: SamplerInit,
    private readonly source: SwitchRecordSource,
    /** /proc: the sampler's own lane, RSS per address space. */
    private readonly proc: ObservationSource,
    private readonly io: LoopIo,
    requested: SourceChoice,
  ) {
    this.stats = new SelfStats(init.drainMs, 'exact', { requested, refusal: null });
    this.spaces = new AddressSpaces(proc);
  }

  run(): void {
    const { drainMs, memoryMs } = this.init;
    let now = this.io.now();
    let nextDrain = now + drainMs;
    let nextMemory = now;
    this.stats.sampled(this.relMs(now), this.proc.selfOnCpuNs());
    while (!this.stopped) {
      pullMessages(this.io, (msg) => {
        this.handle(msg);
        return this.stopped;
      });
      if (this.stopped) break;
      now = this.io.now();
      this.readPhaseLogs(now);
      if (now >= nextMemory) {
        this.sampleMemory(now);
        nextMemory = now + memoryMs;
      }
      if (now >= nextDrain) {
        this.route(this.source.drain());
        this.observeSelf(now);
        this.stats.sampled(this.relMs(now), this.proc.selfOnCpuNs());
        this.ship();
        nextDrain = Math.max(nextDrain + drainMs, now + drainMs / 2);
      }
      // One wake-up per drain (each costs ~100-200 us on this VM): RSS is read at the first drain after it is due.
      this.io.sleepUntil(nextDrain);
    }
    this.finishAll();
  }

  private relMs(mono: number): number {
    return Math.max(0, mono - this.init.runStartMono);
  }

  private handle(msg: ToSampler): void {
    switch (msg.type) {
      case 'track':
        return this.track(msg.taskId, msg.pid, msg.tid, msg.phaseSlot);
      case 'untrack': {
        const t = this.byTask.get(msg.taskId);
        if (t && t.untrackedMs === null) t.untrackedMs = this.relMs(this.io.now());
        if (this.self?.taskId === msg.taskId) this.finishSelf();
        return;
      }
      case 'phase':
        this.byTask.get(msg.taskId)?.phases.add(msg.atMs, msg.phase);
        return;
      case 'stop':
        this.stopped = true;
        return;
    }
  }

  private track(taskId: string, pid: number, tid: number, slot: { buffer: SharedArrayBuffer; offset: number } | null): void {
    if (tid === this.proc.self().tid) {
      const handle = this.proc.openTask(pid, tid);
      if (handle) {
        this.self = { taskId, handle, timeline: new TaskTimeline(taskId, { resolveAfterMs: Math.max(20, 5 * this.init.drainMs) }) };
        this.observeSelf(this.io.now());
      }
      return;
    }
    const probe = this.proc.openTask(pid, tid);
    if (!probe) {
      this.out.markers.push({ tMs: this.relMs(this.io.now()), kind: 'error', taskId, text: `sampler: task ${pid}/${tid} is gone, not tracked` });
      return;
    }
    probe.close();
    // Not created by this process after the source opened (e.g. started by another process): watch it now, from here on.
    if (!descendsFrom(pid, process.pid)) {
      const refusal = this.source.attach(pid);
      if (refusal) this.out.markers.push({ tMs: this.relMs(this.io.now()), kind: 'error', taskId, text: `exact source: cannot watch ${pid}: ${refusal.message}`.slice(0, 2000) });
    }
    let log: PhaseLogReader | null = null;
    if (slot) {
      try {
        log = new PhaseLogReader(phaseSlotView(slot.buffer, slot.offset));
      } catch (e) {
        this.out.markers.push({ tMs: this.relMs(this.io.now()), kind: 'error', taskId, text: `sampler: phase slot ignored: ${e instanceof Error ? e.message : String(e)}`.slice(0, 2000) });
      }
    }
    const t: Tracked = { taskId, pid, tid, phases: new PhaseHistory(), log, untrackedMs: null };
    this.byTid.set(tid, t);
    this.byTask.set(taskId, t);
    const born = this.bornNs.get(tid);
    if (born !== undefined) this.out.born.push({ taskId, tMs: born / 1e6 });
    const waiting = this.pending.get(tid);
    this.pending.delete(tid);
    if (waiting) for (const seg of waiting.toSegments()) toSegments(seg, taskId, t.phases, this.out.segments);
    this.spaces.add(pid);
  }

  /** Each thread's logged phase changes, into its history before its spans are drawn. */
  private readPhaseLogs(now: number): void {
    for (const t of this.byTid.values()) {
      if (!t.log) continue;
      for (const c of t.log.take(now).changes) t.phases.add(this.relMs(c.tMs), c.phase);
    }
  }

  private route(out: TimelineOutput): void {
    for (const e of out.events) {
      if (e.kind !== 'born') continue;
      this.bornNs.set(e.tid, e.tNs);
      const t = this.byTid.get(e.tid);
      if (t) this.out.born.push({ taskId: t.taskId, tMs: e.tNs / 1e6 });
    }
    for (const seg of out.segments) {
      const t = this.byTid.get(seg.tid);
      if (t) {
        toSegments(seg, t.taskId, t.phases, this.out.segments, 0, t.untrackedMs ?? Infinity);
        continue;
      }
      let list = this.pending.get(seg.tid);
      if (!list) this.pending.set(seg.tid, (list = new PendingSpans(seg.pid, seg.tid, PENDING_MAX_PER_TID)));
      list.push(seg);
    }
    if (out.lost.length) {
      const records = out.lost.reduce((n, l) => n + l.records, 0);
      this.out.markers.push({ tMs: this.relMs(this.io.now()), kind: 'error', taskId: null, text: `the kernel dropped ${records} switch records (a full ring): those spans are drawn unknown` });
    }
    this.forgetOld();
  }

  /** Bounded memory: spans of untracked tids and births older than PENDING_KEEP_MS go; drawn phases are forgotten. */
  private forgetOld(): void {
    const keepNs = (this.relMs(this.io.now()) - PENDING_KEEP_MS) * 1e6;
    for (const [tid, list] of this.pending) {
      list.dropBefore(keepNs);
      if (list.size === 0) this.pending.delete(tid);
    }
    for (const [tid, ns] of this.bornNs) if (ns < keepNs && !this.byTid.has(tid)) this.bornNs.delete(tid);
    // Spans come at most two drains late: phases older than that are no longer needed.
    const drawnMs = this.relMs(this.io.now()) - 3 * this.init.drainMs;
    for (const [tid, t] of this.byTid) {
      t.phases.forgetBefore(drawnMs);
      if (t.untrackedMs !== null && t.untrackedMs < drawnMs) {
        this.byTid.delete(tid);
        this.byTask.delete(t.taskId);
        this.spaces.release(t.pid);
      }
    }
  }

  /** The sampler's own lane, from its counters; it always reads itself running, so it is read as a sleeper. */
  private observeSelf(now: number): void {
    if (!this.self) return;
    const r = this.self.handle.read();
    if (!r) return;
    this.out.segments.push(
      ...this.self.timeline.observe({ tMs: this.relMs(now), letter: r.letter === 'R' ? 'S' : r.letter, core: r.core, onCpuNs: r.onCpuNs, waitNs: r.waitNs, phase: null, phaseCore: null }),
      ...this.self.timeline.cut(),
    );
  }

  private finishSelf(): void {
    if (!this.self) return;
    this.observeSelf(this.io.now());
    this.out.segments.push(...this.self.timeline.finish());
    this.self.handle.close();
    this.self = null;
  }

  private sampleMemory(now: number): void {
    this.spaces.read(this.relMs(now), this.out.memory);
  }

  private ship(): void {
    const counts = this.source.stats();
    this.stats.recordCounts(counts.records, counts.lostRecords);
    this.out.flush((m, transfer) => this.io.post(m, transfer), this.stats.result());
  }

  private finishAll(): void {
    const now = this.io.now();
    this.readPhaseLogs(now);
    const final = this.source.close();
    this.route(final);
    this.finishSelf();
    this.spaces.closeAll();
    this.stats.sampled(this.relMs(now), this.proc.selfOnCpuNs());
    this.ship();
    this.io.post({ type: 'stopped', stats: this.stats.result() });
  }
}
