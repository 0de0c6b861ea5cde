import type { Machine, Marker, MemorySample, Metrics, RunInfo, Segment, Task, Trace, Verdict } from '../../../shared';
import { TRACE_FORMAT, TRACE_VERSION } from '../../../shared';

export interface RecorderLimits {
  maxSegments: number;
  maxMarkers: number;
  maxMemorySamples: number;
}

/** ~1M segments is ~150 MB of objects; past the limits the recorder counts what it drops. */
export const DEFAULT_RECORDER_LIMITS: RecorderLimits = { maxSegments: 1_000_000, maxMarkers: 200_000, maxMemorySamples: 200_000 };

export interface Dropped {
  segments: number;
  markers: number;
  memory: number;
}

/**
 * Collects one run: tasks, segments, markers, memory. Bounded: a segment that
 * continues the task's previous one (same state, core and inferred flag, touching) is merged
 * into it, so the sampler's live batch cuts cost nothing; beyond the limits new
 * records are counted as dropped, never silently lost.
 */
export class TraceRecorder {
  private readonly tasks = new Map<string, Task>();
  private readonly segments: Segment[] = [];
  private readonly lastSegmentOf = new Map<string, Segment>();
  private readonly markers: Marker[] = [];
  private readonly memory: MemorySample[] = [];
  readonly dropped: Dropped = { segments: 0, markers: 0, memory: 0 };

  constructor(private readonly limits: RecorderLimits = DEFAULT_RECORDER_LIMITS) {}

  /** Adds a task or replaces it with a newer version of itself. */
  putTask(task: Task): void {
    this.tasks.set(task.id, { ...task });
  }

  updateTask(id: string, patch: Partial<Omit<Task, 'id'>>): Task | null {
    const t = this.tasks.get(id);
    if (!t) return null;
    const next = { ...t, ...patch };
    this.tasks.set(id, next);
    return next;
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
      if (this.segments.length >= this.limits.maxSegments) {
        this.dropped.segments++;
        continue;
      }
      const copy = { ...s };
      this.segments.push(copy);
      this.lastSegmentOf.set(s.taskId, copy);
    }
  }

  addMarkers(markers: readonly Marker[]): void {
    for (const m of markers) {
      if (this.markers.length >= this.limits.maxMarkers) this.dropped.markers++;
      else this.markers.push({ ...m });
    }
  }

  addMemory(samples: readonly MemorySample[]): void {
    for (const m of samples) {
      if (this.memory.length >= this.limits.maxMemorySamples) this.dropped.memory++;
      else this.memory.push({ ...m });
    }
  }

  /** Replaces every segment by what `transform` makes of them (inferences laid over the run at its end). */
  transformSegments(transform: (segments: Segment[]) => Segment[]): void {
    const next = transform(this.segments.map((s) => ({ ...s })));
    this.segments.length = 0;
    this.lastSegmentOf.clear();
    this.addSegments(next);
  }

  /** One sampler batch (segments, markers, memory). */
  addBatch(batch: { segments: readonly Segment[]; markers: readonly Marker[]; memory: readonly MemorySample[] }): void {
    this.addSegments(batch.segments);
    this.addMarkers(batch.markers);
    this.addMemory(batch.memory);
  }

  get counts(): { tasks: number; segments: number; markers: number; memory: number } {
    return { tasks: this.tasks.size, segments: this.segments.length, markers: this.markers.length, memory: this.memory.length };
  }

  snapshot(): { tasks: Task[]; segments: Segment[]; markers: Marker[]; memory: MemorySample[] } {
    return {
      tasks: [...this.tasks.values()].map((t) => ({ ...t })),
      segments: this.segments.map((s) => ({ ...s })),
      markers: [...this.markers].sort((a, b) => a.tMs - b.tMs),
      memory: [...this.memory],
    };
  }

  /** The finished trace; a marker says how much was dropped, if anything was. */
  toTrace(machine: Machine, run: RunInfo, metrics: Metrics | null, verdict?: Verdict): Trace {
    const snap = this.snapshot();
    const { segments: ds, markers: dm, memory: dmem } = this.dropped;
    if (ds + dm + dmem > 0) {
      snap.markers.push({
        tMs: run.wallMs,
        kind: 'error',
        taskId: null,
        text: `recorder limits reached: dropped ${ds} segments, ${dm} markers, ${dmem} memory samples`,
      });
    }
    return {
      format: TRACE_FORMAT,
      version: TRACE_VERSION,
      machine,
      run,
      ...snap,
      annotations: [],
      metrics,
      ...(verdict !== undefined ? { verdict } : {}),
    };
  }
}
