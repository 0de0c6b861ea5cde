import type { Machine, Marker, MemorySample, Metrics, RunInfo, Segment, StreamChunk, Task, Trace, Verdict } from '../../../shared';
import { TRACE_FORMAT, TRACE_VERSION } from '../../../shared';
import { metricsOfTotals, type MetricsInput } from './compute-metrics';
import { MetricsAccumulator } from './metrics-accumulator';

/** How many records of each kind the recorder keeps in memory once older ones are safely on disk. */
export interface RecorderWindow {
  segments: number;
  markers: number;
  memory: number;
}

/**
 * ~250k segments is ~40 MB of objects: minutes of a 16-task run's recent
 * detail, more than a live view draws. `CORELANES_MEMORY_SEGMENTS` lowers it
 * (tests prove spilling with a few thousand).
 */
export function defaultRecorderWindow(env: Readonly<Record<string, string | undefined>> = process.env): RecorderWindow {
  const asked = Number(env.CORELANES_MEMORY_SEGMENTS);
  const segments = Number.isInteger(asked) && asked >= 100 ? asked : 250_000;
  return { segments, markers: segments, memory: segments };
}

/** What left memory for disk, by kind. */
export interface Evicted {
  segments: number;
  markers: number;
  memory: number;
}

/** After an eviction the window is filled to this share, so evictions come in batches, not one per record. */
const REFILL = 0.75;

/**
 * Collects one run: tasks, segments, markers, memory. A segment that
 * continues the task's previous one (same state, core and inferred flag,
 * touching) is merged into it, so the sampler's live batch cuts cost nothing.
 * A task's last segment is open (it may still grow); once a later one
 * arrives it is sealed: counted into the running metrics and ready to write.
 * `takeChunk` hands out what was not written yet, and `evict` drops from
 * memory only what was written, so nothing is ever lost: past the window the
 * recorder keeps the recent records and the sums, and the file has the rest.
 */
export class TraceRecorder {
  private readonly tasks = new Map<string, Task>();
  private readonly dirtyTasks = new Set<string>();
  private segments: Segment[] = [];
  private written: boolean[] = [];
  private firstUnwritten = 0;
  private readonly lastSegmentOf = new Map<string, Segment>();
  private readonly markers: Marker[] = [];
  private markersWritten = 0;
  private readonly memory: MemorySample[] = [];
  private memoryWritten = 0;
  private acc = new MetricsAccumulator();
  private seq = 0;
  readonly evicted: Evicted = { segments: 0, markers: 0, memory: 0 };
  readonly streamed = { segments: 0, markers: 0, memory: 0 };

  constructor(readonly window: RecorderWindow = defaultRecorderWindow()) {}

  /** Adds a task or replaces it with a newer version of itself. */
  putTask(task: Task): void {
    this.tasks.set(task.id, { ...task });
    this.dirtyTasks.add(task.id);
  }

  updateTask(id: string, patch: Partial<Omit<Task, 'id'>>): Task | null {
    const t = this.tasks.get(id);
    if (!t) return null;
    const next = { ...t, ...patch };
    this.tasks.set(id, next);
    this.dirtyTasks.add(id);
    return next;
  }

  taskList(): Task[] {
    return [...this.tasks.values()].map((t) => ({ ...t }));
  }

  getTask(id: string): Task | null {
    return this.tasks.get(id) ?? null;
  }

  addSegments(segments: readonly Segment[]): void {
    for (const s of segments) {
      const last = this.lastSegmentOf.get(s.taskId);
      const sameKind = last && last.state === s.state && last.core === s.core && (last.inferred ?? false) === (s.inferred ?? false);
      if (last && sameKind && Math.abs(last.endMs - s.startMs) < 1e-6) {
        last.endMs = s.endMs;
        last.onCpuNs += s.onCpuNs;
        last.waitNs += s.waitNs;
        continue;
      }
      if (last) this.seal(last);
      const copy = { ...s };
      this.segments.push(copy);
      this.written.push(false);
      this.lastSegmentOf.set(s.taskId, copy);
    }
  }

  private seal(s: Segment): void {
    this.acc.add(s, this.tasks.get(s.taskId)?.startedMs ?? null);
  }

  /** Seals every open segment: the run is over, nothing will continue them. */
  sealAll(): void {
    for (const s of this.lastSegmentOf.values()) this.seal(s);
    this.lastSegmentOf.clear();
  }

  addMarkers(markers: readonly Marker[]): void {
    for (const m of markers) this.markers.push({ ...m });
  }

  addMemory(samples: readonly MemorySample[]): void {
    for (const m of samples) this.memory.push({ ...m });
  }

  /** Whether every record is still in memory (nothing was evicted to disk). */
  get whole(): boolean {
    return this.evicted.segments + this.evicted.markers + this.evicted.memory === 0;
  }

  /**
   * Replaces every segment by what `transform` makes of them (inferences laid
   * over the run at its end; what was streamed before is replaced through the
   * footer's `revised`, so these count as written). Only while every segment is in memory; false
   * (and nothing changed) once some live only on disk.
   */
  transformSegments(transform: (segments: Segment[]) => Segment[]): boolean {
    if (this.evicted.segments > 0) return false;
    const next = transform(this.segments.map((s) => ({ ...s })));
    this.segments = [];
    this.written = [];
    this.firstUnwritten = 0;
    this.lastSegmentOf.clear();
    this.acc = new MetricsAccumulator();
    this.addSegments(next);
    this.written = this.written.map(() => true);
    this.firstUnwritten = this.segments.length;
    return true;
  }

  /** One sampler batch (segments, markers, memory). */
  addBatch(batch: { segments: readonly Segment[]; markers: readonly Marker[]; memory: readonly MemorySample[] }): void {
    this.addSegments(batch.segments);
    this.addMarkers(batch.markers);
    this.addMemory(batch.memory);
  }

  /** Records in memory now. */
  get counts(): { tasks: number; segments: number; markers: number; memory: number } {
    return { tasks: this.tasks.size, segments: this.segments.length, markers: this.markers.length, memory: this.memory.length };
  }

  /** Records not yet handed out by takeChunk (open segments aside). */
  get unwritten(): number {
    return this.segments.length - this.firstUnwritten + (this.markers.length - this.markersWritten) + (this.memory.length - this.memoryWritten);
  }

  /** Whether memory holds more than the window of some kind. */
  get overWindow(): boolean {
    const w = this.window;
    return this.segments.length > w.segments || this.markers.length > w.markers || this.memory.length > w.memory;
  }

  /** Everything not written yet, as the next chunk of the stream (open segments stay for a later one); marks it written. */
  takeChunk(untilMs: number): StreamChunk {
    const segments: Segment[] = [];
    let firstUnwritten = -1;
    for (let i = this.firstUnwritten; i < this.segments.length; i++) {
      if (this.written[i]) continue;
      const s = this.segments[i]!;
      if (this.lastSegmentOf.get(s.taskId) === s) {
        if (firstUnwritten < 0) firstUnwritten = i;
        continue;
      }
      segments.push({ ...s });
      this.written[i] = true;
    }
    this.firstUnwritten = firstUnwritten < 0 ? this.segments.length : firstUnwritten;
    const markers = this.markers.slice(this.markersWritten);
    const memory = this.memory.slice(this.memoryWritten);
    this.markersWritten = this.markers.length;
    this.memoryWritten = this.memory.length;
    const tasks = [...this.dirtyTasks].map((id) => ({ ...this.tasks.get(id)! }));
    this.dirtyTasks.clear();
    this.streamed.segments += segments.length;
    this.streamed.markers += markers.length;
    this.streamed.memory += memory.length;
    return { type: 'chunk', seq: this.seq++, untilMs, tasks, segments, markers, memory };
  }

  /** Drops the oldest written records from memory down to 3/4 of the window; unwritten ones always stay. */
  evict(): void {
    const w = this.window;
    if (this.segments.length > w.segments) {
      const dropBefore = this.segments.length - Math.floor(w.segments * REFILL);
      const keptS: Segment[] = [];
      const keptW: boolean[] = [];
      for (let i = 0; i < this.segments.length; i++) {
        if (i < dropBefore && this.written[i]) continue;
        keptS.push(this.segments[i]!);
        keptW.push(this.written[i]!);
      }
      this.evicted.segments += this.segments.length - keptS.length;
      this.segments = keptS;
      this.written = keptW;
      const first = keptW.indexOf(false);
      this.firstUnwritten = first < 0 ? keptS.length : first;
    }
    this.markersWritten -= this.evictPrefix(this.markers, this.markersWritten, w.markers, 'markers');
    this.memoryWritten -= this.evictPrefix(this.memory, this.memoryWritten, w.memory, 'memory');
  }

  private evictPrefix(list: unknown[], writtenCount: number, max: number, kind: 'markers' | 'memory'): number {
    if (list.length <= max) return 0;
    const n = Math.min(writtenCount, list.length - Math.floor(max * REFILL));
    list.splice(0, n);
    this.evicted[kind] += n;
    return n;
  }

  snapshot(): { tasks: Task[]; segments: Segment[]; markers: Marker[]; memory: MemorySample[] } {
    return {
      tasks: [...this.tasks.values()].map((t) => ({ ...t })),
      segments: this.segments.map((s) => ({ ...s })),
      markers: [...this.markers].sort((a, b) => a.tMs - b.tMs),
      memory: [...this.memory],
    };
  }

  /** The run's numbers from the running sums and the open segments: O(tasks), whatever left memory. */
  metrics(input: Omit<MetricsInput, 'tasks' | 'segments'>): Metrics {
    const tasks = [...this.tasks.values()];
    return metricsOfTotals({ ...input, tasks }, this.acc.with([...this.lastSegmentOf.values()], (id) => this.tasks.get(id)?.startedMs ?? null));
  }

  /** The trace as held in memory: everything, or (once some left for disk) the recent window with the run's full metrics. */
  toTrace(machine: Machine, run: RunInfo, metrics: Metrics | null, verdict?: Verdict): Trace {
    return {
      format: TRACE_FORMAT,
      version: TRACE_VERSION,
      machine,
      run,
      ...this.snapshot(),
      annotations: [],
      metrics,
      ...(verdict !== undefined ? { verdict } : {}),
    };
  }
}
