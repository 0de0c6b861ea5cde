import { foldSpawnPhase, inferGilHolds, TASK_STATES, type Disposer, type SpawnPhaseBand, type GilHold, type Machine, type Marker, type Segment, type Task, type TaskState } from '../shared';
import { LaneColumns } from './lane-columns';
import { SegmentStore, STATE_INDEX } from './segment-store';
import { lastExecs, wrapperFoldOf } from './wrapper-fold';

const KIND_ORDER: Record<string, number> = { main: 0, sampler: 1, process: 2, 'python-process': 3 };

/**
 * The timeline's data, pure and columnar: every segment once (SegmentStore),
 * plus one sorted LaneColumns per task (coloured by state) and per core
 * (coloured by task). Appending bumps `version` and notifies listeners, which
 * schedule a redraw; nothing here touches React or the DOM.
 */
export class TimelineModel {
  machine: Machine | null = null;
  runId: string | null = null;
  readonly tasks: Task[] = [];
  readonly segments = new SegmentStore();
  readonly taskLanes: LaneColumns[] = [];
  readonly coreLanes: LaneColumns[] = [];
  /** Running segments whose core the OS did not report. */
  readonly unknownCoreLane = new LaneColumns();
  /**
   * Who holds the GIL over time, from 'gil-handover' markers: each hand-over
   * starts a slice of its taker (category = task index) that lasts until the
   * next one. The last holder's slice is open until the next hand-over or the
   * run's end (closeGil).
   */
  readonly gilLane = new LaneColumns();
  private readonly gilTimes: number[] = [];
  private readonly gilHolders: number[] = [];
  private gilClosedAt: number | null = null;
  /**
   * Wrapper processes of a traced program (a pyenv shim's helpers, a waiting
   * `sh -c`): task index -> the program's task index. Their lanes are folded
   * into the program's unless showWrappers (found when the run ends).
   */
  wrappers = new Map<number, number>();
  /**
   * Inferred GIL lanes of real CPython processes (one per interpreter whose
   * threads waited for its GIL): who held it, from its threads' states
   * (inferGilHolds); a lane's `segment` column indexes `holds`. Built when the run ends.
   */
  inferredGil: { pid: number; label: string; lane: LaneColumns; holds: GilHold[] }[] = [];
  showWrappers = false;
  /** The run's spawn phase, from its 'phase' markers: open (endMs null) while the initial workers start; drawn as a band over the Tasks view. */
  spawnPhase: SpawnPhaseBand | null = null;
  private readonly execs = new Map<string, number>();
  /** Running time on a reported core and on none: the "core unknown" lane shows only when it matters. */
  runningMs = 0;
  unknownCoreMs = 0;
  /** Latest segment end seen (ms since the run's start). */
  endMs = 0;
  version = 0;
  /** Segments for tasks never announced: dropped (and counted) rather than guessed. */
  droppedSegments = 0;
  private readonly taskIndex = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private orderCache: { version: number; order: number[] } | null = null;
  /** Earliest segment start appended since the last changed(); -Infinity = something else changed (redraw all). */
  private pendingMinStart = Infinity;
  /** Recent changes: version -> earliest time they touched, so a view can repaint only what changed. */
  private readonly changes: { version: number; minStart: number }[] = [];
  private tasksVersion = 0;

  reset(runId: string | null, machine: Machine | null): void {
    this.runId = runId;
    this.machine = machine;
    this.tasks.length = 0;
    this.taskIndex.clear();
    this.segments.clear();
    this.taskLanes.length = 0;
    this.coreLanes.length = 0;
    this.unknownCoreLane.clear();
    this.gilLane.clear();
    this.gilTimes.length = 0;
    this.gilHolders.length = 0;
    this.gilClosedAt = null;
    this.wrappers = new Map();
    this.inferredGil = [];
    this.execs.clear();
    this.spawnPhase = null;
    this.runningMs = 0;
    this.unknownCoreMs = 0;
    this.endMs = 0;
    this.droppedSegments = 0;
    this.tasksVersion++;
    this.pendingMinStart = -Infinity;
    this.changed();
  }

  /** Adds or updates a task (by id); returns its index. */
  upsertTask(task: Task): number {
    const known = this.taskIndex.get(task.id);
    if (known !== undefined) {
      this.tasks[known] = task;
      this.tasksVersion++;
      this.pendingMinStart = -Infinity;
      this.changed();
      return known;
    }
    const index = this.tasks.length;
    this.tasks.push(task);
    this.taskIndex.set(task.id, index);
    this.taskLanes.push(new LaneColumns());
    this.tasksVersion++;
    this.pendingMinStart = -Infinity;
    this.changed();
    return index;
  }

  indexOfTask(id: string): number {
    return this.taskIndex.get(id) ?? -1;
  }

  appendSegments(segments: readonly Segment[]): void {
    for (const s of segments) {
      const task = this.taskIndex.get(s.taskId);
      if (task === undefined) {
        this.droppedSegments++;
        continue;
      }
      this.appendRaw(task, s.startMs, s.endMs, STATE_INDEX[s.state], s.core ?? -1, s.onCpuNs / 1e6);
    }
    this.changed();
  }

  /**
   * Replaces the segments of these tasks with their final ones (states only
   * known after the run, e.g. inferred GIL waits); the core lanes are rebuilt
   * from every task lane, so they stay one picture with the tasks.
   */
  reviseTaskSegments(taskIds: readonly string[], segments: readonly Segment[]): void {
    const revised = new Set<number>();
    for (const id of taskIds) {
      const task = this.taskIndex.get(id);
      if (task === undefined) continue;
      revised.add(task);
      (this.taskLanes[task] as LaneColumns).clear();
    }
    for (const s of segments) {
      const task = this.taskIndex.get(s.taskId);
      if (task === undefined || !revised.has(task) || !(s.endMs > s.startMs)) continue;
      const i = this.segments.push(s.startMs, s.endMs, task, STATE_INDEX[s.state], s.core ?? -1, s.onCpuNs / 1e6);
      (this.taskLanes[task] as LaneColumns).push(s.startMs, s.endMs, STATE_INDEX[s.state], i);
      if (s.endMs > this.endMs) this.endMs = s.endMs;
    }
    this.rebuildCoreLanes();
    this.pendingMinStart = -Infinity;
    this.changed();
  }

  private rebuildCoreLanes(): void {
    this.coreLanes.length = 0;
    this.unknownCoreLane.clear();
    this.runningMs = 0;
    this.unknownCoreMs = 0;
    this.taskLanes.forEach((lane, task) => {
      for (let j = 0; j < lane.length; j++) {
        if (lane.category[j] !== STATE_INDEX.running) continue;
        const start = lane.start[j] as number;
        const end = lane.end[j] as number;
        const i = lane.segment[j] as number;
        const core = this.segments.core(i);
        this.runningMs += end - start;
        if (core >= 0) this.coreLane(core).push(start, end, task, i);
        else {
          this.unknownCoreLane.push(start, end, task, i);
          this.unknownCoreMs += end - start;
        }
      }
    });
  }

  /** The hot path (also used by benchmarks): no objects, no validation. Call changed() after a batch. */
  appendRaw(task: number, start: number, end: number, state: number, core: number, onCpuMs: number): void {
    if (!(end > start)) return;
    const i = this.segments.push(start, end, task, state, core, onCpuMs);
    (this.taskLanes[task] as LaneColumns).push(start, end, state, i);
    if (state === STATE_INDEX.running) {
      this.runningMs += end - start;
      if (core >= 0) {
        while (this.coreLanes.length <= core) this.coreLanes.push(new LaneColumns());
        (this.coreLanes[core] as LaneColumns).push(start, end, task, i);
      } else {
        this.unknownCoreLane.push(start, end, task, i);
        this.unknownCoreMs += end - start;
      }
    }
    if (end > this.endMs) this.endMs = end;
    if (start < this.pendingMinStart) this.pendingMinStart = start;
  }

  /** GIL hand-overs (taskId took it, peerTaskId = previous holder) and the spawn phase; other markers are ignored. */
  appendMarkers(markers: readonly Marker[]): void {
    lastExecs(markers, this.execs);
    const phase = foldSpawnPhase(this.spawnPhase, markers);
    let added = false;
    if (phase !== this.spawnPhase) {
      this.spawnPhase = phase;
      this.changed();
    }
    for (const m of markers) {
      if (m.kind !== 'gil-handover' || m.taskId === null) continue;
      const holder = this.taskIndex.get(m.taskId);
      if (holder === undefined) continue;
      let i = this.gilTimes.length;
      while (i > 0 && (this.gilTimes[i - 1] as number) > m.tMs) i--;
      this.gilTimes.splice(i, 0, m.tMs);
      this.gilHolders.splice(i, 0, holder);
      added = true;
    }
    if (!added) return;
    this.rebuildGilLane();
    this.pendingMinStart = -Infinity;
    this.changed();
  }

  /** The run ended: the last GIL holder's slice ends with it. */
  closeGil(endMs: number): void {
    if (this.gilTimes.length === 0) return;
    // The last holder held it until it exited, or until the run's end.
    const exit = this.tasks[this.gilHolders.at(-1) as number]?.exitMs ?? null;
    this.gilClosedAt = Math.max(exit !== null ? Math.min(exit, endMs) : endMs, this.gilTimes.at(-1) as number);
    this.rebuildGilLane();
    this.pendingMinStart = -Infinity;
    this.changed();
  }

  /** The run is over: fold its wrapper processes, infer its real CPythons' GIL holders. */
  settleRun(): void {
    this.inferGilLanes();
    this.foldWrapperChains();
  }

  /** One inferred GIL lane per CPython process with a GIL whose threads waited for it (and no simulated GIL's own hand-overs). */
  inferGilLanes(): void {
    this.inferredGil = [];
    if (this.gilTimes.length > 0) return;
    const byPid = new Map<number, number[]>();
    this.tasks.forEach((t, i) => {
      if ((t.kind !== 'python-thread' && t.kind !== 'python-process') || t.pid === null) return;
      const l = byPid.get(t.pid) ?? [];
      l.push(i);
      byPid.set(t.pid, l);
    });
    for (const [pid, tasks] of byPid) {
      const lanes = tasks.map((t) => this.taskLanes[t] as LaneColumns);
      if (tasks.length < 2 || !lanes.some((l) => l.category.subarray(0, l.length).includes(STATE_INDEX['gil-wait']))) continue;
      const threads = tasks.map((task, k) => {
        const l = lanes[k] as LaneColumns;
        return { task, spans: Array.from({ length: l.length }, (_, j) => ({ start: l.start[j] as number, end: l.end[j] as number, state: TASK_STATES[l.category[j] as number] as TaskState, segment: l.segment[j] as number })) };
      });
      const holds = inferGilHolds(threads);
      const lane = new LaneColumns();
      holds.forEach((h, j) => lane.push(h.start, h.end, h.holder, j));
      const main = this.tasks.find((t) => t.pid === pid && t.tid === pid);
      this.inferredGil.push({ pid, label: main?.label ?? `pid ${pid}`, lane, holds });
    }
  }

  /** The inferred hold at index `i` of the lane for `pid`, with the holder it took over from (-1: nobody, or a gap). */
  inferredGilHold(pid: number, i: number): { holder: number; startMs: number; endMs: number; previous: number } | null {
    const g = this.inferredGil.find((x) => x.pid === pid);
    const h = g?.holds[i];
    if (!g || !h) return null;
    const before = g.holds[i - 1];
    return { holder: h.holder, startMs: h.start, endMs: h.end, previous: before && before.end === h.start ? before.holder : -1 };
  }

  /** The run is over: find its wrapper processes (they fold into the program they ran). */
  foldWrapperChains(): void {
    this.wrappers = wrapperFoldOf(this, this.execs);
    this.tasksVersion++;
    this.pendingMinStart = -Infinity;
    this.changed();
  }

  /** Shows or folds the wrapper processes' lanes. */
  setShowWrappers(show: boolean): void {
    if (this.showWrappers === show) return;
    this.showWrappers = show;
    this.tasksVersion++;
    this.pendingMinStart = -Infinity;
    this.changed();
  }

  /** Whether a task's lane is folded into its program's (a wrapper, while they are not shown). */
  isFolded(task: number): boolean {
    return !this.showWrappers && this.wrappers.has(task);
  }

  /** How many wrapper lanes fold into this program's lane. */
  foldedInto(task: number): number {
    let n = 0;
    for (const p of this.wrappers.values()) if (p === task) n++;
    return n;
  }

  /** Index into the hand-over list of the GIL slice at `i` in gilLane (its `segment` field). */
  gilHandover(i: number): { holder: number; startMs: number; endMs: number; previous: number } | null {
    const t = this.gilTimes[i];
    if (t === undefined) return null;
    const end = this.gilTimes[i + 1] ?? this.gilClosedAt ?? t;
    return { holder: this.gilHolders[i] as number, startMs: t, endMs: end, previous: i > 0 ? (this.gilHolders[i - 1] as number) : -1 };
  }

  private rebuildGilLane(): void {
    this.gilLane.clear();
    for (let i = 0; i < this.gilTimes.length; i++) {
      const end = this.gilTimes[i + 1] ?? this.gilClosedAt;
      if (end === null || end === undefined) break;
      this.gilLane.push(this.gilTimes[i] as number, end, this.gilHolders[i] as number, i);
    }
  }

  /** Whether the Cores view needs a "core unknown" lane: always when the OS does not report cores, else only for >= 1% of the running time. */
  showsUnknownCoreLane(): boolean {
    if (!(this.machine?.coresObservable ?? true)) return true;
    return this.unknownCoreLane.length > 0 && this.unknownCoreMs >= 0.01 * this.runningMs;
  }

  /** Number of core lanes to draw: the machine's cores, or more if a segment said so. */
  coreCount(): number {
    return Math.max(this.machine?.logicalCores ?? 0, this.coreLanes.length);
  }

  coreLane(core: number): LaneColumns {
    while (this.coreLanes.length <= core) this.coreLanes.push(new LaneColumns());
    return this.coreLanes[core] as LaneColumns;
  }

  /** Task indices in lane order: grouped by address space, the process before its threads, then by spawn time. */
  taskOrder(): number[] {
    if (this.orderCache?.version === this.tasksVersion) return this.orderCache.order;
    const order = this.tasks.map((_, i) => i);
    const firstSeen = new Map<number | null, number>();
    this.tasks.forEach((t, i) => {
      if (!firstSeen.has(t.addressSpace)) firstSeen.set(t.addressSpace, i);
    });
    order.sort((a, b) => {
      const ta = this.tasks[a] as Task;
      const tb = this.tasks[b] as Task;
      const ga = (firstSeen.get(ta.addressSpace) ?? 0) - (firstSeen.get(tb.addressSpace) ?? 0);
      if (ga !== 0) return ga;
      const ka = (KIND_ORDER[ta.kind] ?? 9) - (KIND_ORDER[tb.kind] ?? 9);
      if (ka !== 0) return ka;
      return ta.requestedMs - tb.requestedMs || a - b;
    });
    this.orderCache = { version: this.tasksVersion, order };
    return order;
  }

  /** Share of [t0, t1) that a core was running something (overlaps counted once at most per ms of wall time). */
  coreBusyShare(core: number, t0: number, t1: number): number {
    const lane = this.coreLanes[core];
    if (!lane || t1 <= t0) return 0;
    let busy = 0;
    for (let i = lane.firstVisible(t0); i < lane.length && (lane.start[i] as number) < t1; i++) {
      const a = Math.max(t0, lane.start[i] as number);
      const b = Math.min(t1, lane.end[i] as number);
      if (b > a) busy += b - a;
    }
    return Math.min(1, busy / (t1 - t0));
  }

  onChange(listener: () => void): Disposer {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    this.version++;
    this.changes.push({ version: this.version, minStart: this.pendingMinStart });
    if (this.changes.length > 256) this.changes.splice(0, 128);
    this.pendingMinStart = Infinity;
    for (const l of this.listeners) l();
  }

  /**
   * Earliest time touched by the changes after `version` (Infinity: nothing
   * drawn changed; -Infinity: redraw everything, e.g. tasks changed or the
   * history is too old to tell).
   */
  changedSince(version: number): number {
    if (version >= this.version) return Infinity;
    const first = this.changes[0];
    if (!first || first.version > version + 1) return -Infinity;
    let min = Infinity;
    for (let i = this.changes.length - 1; i >= 0; i--) {
      const c = this.changes[i] as { version: number; minStart: number };
      if (c.version <= version) break;
      if (c.minStart < min) min = c.minStart;
    }
    return min;
  }

  /** Changes when tasks (lanes, labels, colours) change, not when segments arrive. */
  get tasksRevision(): number {
    return this.tasksVersion;
  }
}
