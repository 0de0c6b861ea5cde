import type { BridgeEvent, CommandOutcome, StreamFooter, Disposer, Machine, Marker, MemorySample, Metrics, RunCommand, RunInfo, RunParams, SamplerStats, Segment, SourceChoice, SpawnPhase, Task, Trace, Verdict } from '../../../shared';
import { PROC_COARSEST_INTERVAL_MS, sourceLine, spawnPhaseEndMarker, TRACE_STREAM_FORMAT, TRACE_STREAM_VERSION, TRACE_VERSION } from '../../../shared';
import { monoMs } from '../../../node/clock';
import { ownThreadsSince, readOwnThreadsCpu, restOfProcessNs, type ThreadsCpu } from '../../../node/proc/own-threads';
import type { Sampler, SamplerBatch } from '../sampling/sampler-api';
import { StreamWriter } from '../../files/stream-writer';
import { spillPath } from '../../files/spill-path';
import { readTraceFileAsync } from '../../files/read-trace-file';
import { defaultRecorderWindow, TraceRecorder, type RecorderWindow } from './trace-recorder';

/** Who hears a run: every event from its run-started to its run-ended, and the finished trace just before run-ended. */
export interface RunObserver {
  onEvent(event: BridgeEvent): void;
  /**
   * The finished trace, handed over before run-ended goes out, so whoever keeps it has it when the run is announced over.
   * `wholeRun`: the run outgrew memory, so `trace` holds its recent window only; the whole run is in that file.
   */
  onTrace?(trace: Trace, wholeRun?: WholeRun | null): void;
}

/** Where a run that outgrew memory is whole: its streamed file, and a reader of it (slice by slice: the file may hold millions of records). */
export interface WholeRun {
  readonly file: string;
  /** The whole run read back from the file (rejects with one line naming the file when it cannot). */
  read(): Promise<Trace>;
}

export interface RunRecordingOptions {
  runId: string;
  scenarioId: string | null;
  /** The run's settings; null for a traced command, which has `command` instead. */
  params: RunParams | null;
  command?: RunCommand;
  machine: Machine;
  /** CLOCK_MONOTONIC ms of the run's start (default: now); every time of the run is relative to it. */
  runStartMono?: number;
  /** Hears the run from its run-started on (the engine's observers, or the caller of `corelanes trace`). */
  observer?: RunObserver;
  storage?: RunStorage;
  /** Writing the trace failed (a full disk): stop the run; its end then fails with the error, which names the file. */
  onStorageError?: (error: Error) => void;
}

/**
 * Where a run's trace goes while it runs (docs/recording.md, "Long runs"):
 * streamed to `outPath` from the start, or, with none, to a spill file in the
 * OS temp folder once memory holds more than `window` (when `spill`; without
 * it nothing is written and everything stays in memory).
 */
export interface RunStorage {
  outPath?: string | null;
  spill?: boolean;
  /** Where spill files go (default: the OS temp folder). */
  spillDir?: string;
  window?: RecorderWindow;
}

/** A chunk goes to disk at least this often while records wait, as Perfetto's periodic drain of long traces. */
const FLUSH_EVERY_MS = 1000;
/** ... or as soon as this many records wait. */
const CHUNK_RECORDS = 20_000;

export type RunEndReason = 'finished' | 'stopped';

export interface RunFinish {
  reason: RunEndReason;
  /** The sampler's own measurements, when it stopped cleanly. */
  stats: SamplerStats | null;
  wallMs: number;
  /** Units of work each task reported, by task id. */
  unitsDone?: Readonly<Record<string, number>>;
  /** What can only be inferred once the run is over, laid over its segments (CPython GIL waits). */
  inferences?: readonly ((segments: Segment[]) => Segment[])[];
  /** A verdict read off the finished trace (a traced Python program's GIL): put in the trace, and sent after run-ended. */
  verdictOf?: (trace: Trace) => Verdict | null;
}

const ONE_LINE_MAX = 1000;

function oneLine(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ').trim();
  return text.length > ONE_LINE_MAX ? `${text.slice(0, ONE_LINE_MAX - 1)}…` : text;
}

/**
 * The one run-recording core, used by a session, `corelanes trace` and a
 * preset that measures without sessions. It owns a run's lifecycle events:
 * `run-started` when it opens, exactly one `run-ended` (after the final
 * metrics and any revised segments) when it finishes or fails. Between them it
 * records tasks, markers, memory and sampler batches (bounded by the
 * recorder's limits, whose "dropped" marker every trace gets) and streams each
 * as an event.
 */
export class RunRecording {
  readonly runId: string;
  readonly runStartMono: number;
  readonly machine: Machine;
  private readonly startedAt = new Date().toISOString();
  private readonly recorder: TraceRecorder;
  private readonly listeners = new Set<(event: BridgeEvent) => void>();
  private readonly lastRss = new Map<number, number>();
  private samplerStats: SamplerStats | null = null;
  private over = false;
  private command: RunCommand | undefined;
  /** This process's threads' CPU at the run's start: the rest of Corelanes' own cost is measured from here. */
  private readonly ownThreadsAtStart: ThreadsCpu | null;
  private spawnPhase: SpawnPhase | undefined;
  private writer: StreamWriter | null = null;
  private lastFlushMs = 0;
  private storageError: Error | null = null;

  constructor(private readonly options: RunRecordingOptions) {
    this.runId = options.runId;
    this.machine = options.machine;
    this.runStartMono = options.runStartMono ?? monoMs();
    this.ownThreadsAtStart = ownThreadsSince(this.runStartMono);
    this.command = options.command;
    this.recorder = new TraceRecorder(options.storage?.window ?? defaultRecorderWindow());
    const outPath = options.storage?.outPath;
    if (outPath) this.openStream(outPath);
    this.emit({ type: 'run-started', run: this.info(0), machine: options.machine });
  }

  /** The file the trace streams to, once it does (null while it is in memory only). */
  get tracePath(): string | null {
    return this.writer?.path ?? null;
  }

  private openStream(path: string): void {
    const writer = StreamWriter.create(path);
    try {
      writer.write({ format: TRACE_STREAM_FORMAT, version: TRACE_STREAM_VERSION, traceVersion: TRACE_VERSION, machine: this.machine, run: this.info(0) });
    } catch (error) {
      try {
        writer.close();
      } catch {
        /* the write's error is the one to report */
      }
      throw error;
    }
    this.writer = writer;
  }

  /** The run outgrew memory with no file of its own: it streams to a spill file from now on, and the live view says where. */
  private openSpill(dir: string | undefined): void {
    this.openStream(spillPath(this.runId, dir));
    const text = `This run outgrew memory (${this.recorder.window.segments} segments kept): the whole run streams to ${this.tracePath}; Save trace reads it back from there`;
    const marker: Marker = { tMs: this.relMs(), kind: 'annotation', taskId: null, text };
    // Not through mark(): that stores, and this runs inside store().
    this.recorder.addMarkers([marker]);
    this.emit({ type: 'markers', runId: this.runId, markers: [marker] });
  }

  /**
   * After records came in: writes a chunk when one is due, opens a spill file
   * when memory is over the window and the run has no file yet, and drops from
   * memory what is on disk. A write that fails stops the run (onStorageError).
   */
  private store(): void {
    if (this.storageError || this.over) return;
    const storage = this.options.storage;
    try {
      if (!this.writer && this.recorder.overWindow && (storage?.spill ?? true)) this.openSpill(storage?.spillDir);
      if (!this.writer) return;
      const now = this.relMs();
      if (now - this.lastFlushMs >= FLUSH_EVERY_MS || this.recorder.unwritten >= CHUNK_RECORDS || this.recorder.overWindow) {
        this.writer.write(this.recorder.takeChunk(now));
        this.lastFlushMs = now;
      }
      if (this.recorder.overWindow) this.recorder.evict();
    } catch (error) {
      this.storageError = error instanceof Error ? error : new Error(String(error));
      this.options.onStorageError?.(this.storageError);
    }
  }

  /** Whether run-ended went out. */
  get ended(): boolean {
    return this.over;
  }

  /** ms since the run's start of a CLOCK_MONOTONIC time (default: now), never negative. */
  relMs(mono: number = monoMs()): number {
    return Math.max(0, mono - this.runStartMono);
  }

  info(wallMs: number): RunInfo {
    const { runId, scenarioId, params } = this.options;
    const command = this.command;
    const spawnPhase = this.spawnPhase;
    return { runId, scenarioId, params, ...(command ? { command } : {}), startedAt: this.startedAt, wallMs, ...(spawnPhase ? { spawnPhase } : {}) };
  }

  /** Live events from now on (the observer given at open hears the run from its start). */
  subscribe(listener: (event: BridgeEvent) => void): Disposer {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A traced command ended: how (exit status, output tails) goes into run.command, and so into the trace and run-ended. */
  setCommandOutcome(outcome: CommandOutcome): void {
    if (this.command) this.command = { ...this.command, outcome };
  }

  /** The initial workers are up (or gone): the spawn phase goes into run.spawnPhase, and its end marker out to the live views. */
  setSpawnPhase(phase: SpawnPhase): void {
    if (this.over) return;
    this.spawnPhase = { ...phase };
    this.mark(spawnPhaseEndMarker(phase));
  }

  /** Sends an event to the observer and every listener; one that throws is logged and does not stop the others. */
  emit(event: BridgeEvent): void {
    const { observer } = this.options;
    const targets = observer ? [(e: BridgeEvent) => observer.onEvent(e), ...this.listeners] : [...this.listeners];
    for (const listener of targets) {
      try {
        listener(event);
      } catch (error) {
        console.error(`run ${this.runId}: a listener threw on ${event.type}: ${String(error)}`);
      }
    }
  }

  /** Adds a task or replaces it with a newer version of itself, and says so. */
  putTask(task: Task): void {
    this.recorder.putTask(task);
    this.emit({ type: 'task', task: { ...task } });
  }

  task(id: string): Task | null {
    return this.recorder.getTask(id);
  }

  tasks(): Task[] {
    return this.recorder.taskList();
  }

  mark(marker: Marker): void {
    this.recorder.addMarkers([marker]);
    this.store();
    this.emit({ type: 'markers', runId: this.runId, markers: [marker] });
  }

  addMemory(sample: MemorySample): void {
    this.recorder.addMemory([sample]);
    this.store();
    this.emit({ type: 'memory', runId: this.runId, samples: [sample] });
  }

  /** Latest RSS the sampler read for an address space, so a worker's heap report can sit beside it. */
  rssOf(addressSpace: number): number | undefined {
    return this.lastRss.get(addressSpace);
  }

  /** Records and streams the sampler's batches until the disposer is called. */
  attach(sampler: Sampler): Disposer {
    return sampler.onBatch((batch: SamplerBatch) => {
      this.recorder.addBatch(batch);
      this.store();
      if (batch.stats) this.samplerStats = batch.stats;
      for (const m of batch.memory) this.lastRss.set(m.addressSpace, m.rssBytes);
      for (const b of batch.born ?? []) this.setBorn(b.taskId, b.tMs);
      if (batch.segments.length) this.emit({ type: 'segments', runId: this.runId, segments: batch.segments });
      if (batch.markers.length) this.emit({ type: 'markers', runId: this.runId, markers: batch.markers });
      if (batch.memory.length) this.emit({ type: 'memory', runId: this.runId, samples: batch.memory });
    });
  }

  /** When the kernel created a task (its lane and start-up span begin there); a task born before the run keeps none. */
  private setBorn(taskId: string, tMs: number): void {
    const task = this.recorder.getTask(taskId);
    if (!task || tMs < 0 || task.bornMs === tMs) return;
    this.putTask({ ...task, bornMs: tMs });
  }

  /** Says which scheduling source the run uses (and, when exact was refused, why and what enables it), as the run's first annotation. */
  announceSource(sampler: Sampler, intervalMs: number, requested: SourceChoice): void {
    const budget = sampler.source.cpuBudgetPercent;
    const cadence = budget === undefined ? {} : { cpuBudgetPercent: budget, coarsestIntervalMs: Math.max(intervalMs, PROC_COARSEST_INTERVAL_MS) };
    const text = sourceLine({ source: sampler.source.used, intervalMs, requested, refusal: sampler.source.refusal, ...cadence });
    const marker: Marker = { tMs: this.relMs(), kind: 'annotation', taskId: null, text };
    // Not through mark(): that stores, and this runs inside store().
    this.recorder.addMarkers([marker]);
    this.emit({ type: 'markers', runId: this.runId, markers: [marker] });
  }

  /** The run's numbers so far; with no stats given, the sampler's latest live ones. */
  metrics(wallMs: number, unitsDone?: Readonly<Record<string, number>>, stats: SamplerStats | null = this.samplerStats): Metrics {
    const metrics = this.recorder.metrics({ wallMs, logicalCores: this.machine.logicalCores, sampler: stats, unitsDone });
    return { ...metrics, own: { otherThreadsMs: this.otherThreadsMs(metrics) } };
  }

  /** On-CPU ms of this process's threads since the run's start that no lane shows (metrics.own); null where the OS does not say. */
  private otherThreadsMs(metrics: Metrics): number | null {
    const now = this.ownThreadsAtStart ? readOwnThreadsCpu() : null;
    if (!this.ownThreadsAtStart || !now) return null;
    const appLanes = new Map<number, number>();
    const workloads = new Set<number>();
    for (const t of metrics.tasks) {
      if (t.tid === null || t.pid !== process.pid) continue;
      if (t.kind === 'main' || t.kind === 'sampler') appLanes.set(t.tid, (appLanes.get(t.tid) ?? 0) + t.onCpuMs * 1e6);
      else workloads.add(t.tid);
    }
    return restOfProcessNs(this.ownThreadsAtStart, now, appLanes, workloads) / 1e6;
  }

  /**
   * The end sequence: lays the inferences over the segments (and sends the
   * revised segments of the tasks they touched), sends the final metrics,
   * hands the trace to the observer, then sends run-ended. Once.
   */
  finish(end: RunFinish): Trace {
    if (this.over) throw new Error(`run ${this.runId} has already ended`);
    if (this.storageError) throw this.storageError;
    this.recorder.sealAll();
    const inferences = end.inferences ?? [];
    if (inferences.length && !this.recorder.whole) {
      this.mark({ tMs: end.wallMs, kind: 'error', taskId: null, text: 'inferences (GIL waits) were not laid over this run: it outgrew memory, and its early segments are only on disk' });
    }
    this.writer?.write(this.recorder.takeChunk(end.wallMs));
    for (const infer of inferences) this.recorder.transformSegments(infer);
    const revised = this.sendRevisedSegments();
    const metrics = this.metrics(end.wallMs, end.unitsDone, end.stats);
    this.emit({ type: 'metrics', runId: this.runId, metrics });
    const recorded = this.withSpillNote(this.recorder.toTrace(this.machine, this.info(end.wallMs), metrics));
    const verdict = end.verdictOf?.(recorded) ?? null;
    const trace = verdict ? { ...recorded, verdict } : recorded;
    this.closeStream(trace, revised);
    this.options.observer?.onTrace?.(trace, this.wholeRun());
    this.over = true;
    this.emit({ type: 'run-ended', runId: this.runId, reason: end.reason, metrics, ...(this.command ? { command: this.command } : {}) });
    // As a preset's: after its run-ended (the page files it under that run).
    if (verdict) this.emit({ type: 'verdict', runId: this.runId, verdict });
    this.listeners.clear();
    return trace;
  }

  /** The footer (final run, tasks, metrics, verdict, revised segments, counts), then the file is flushed and closed. */
  private closeStream(trace: Trace, revised: StreamFooter['revised']): void {
    if (!this.writer) return;
    const { segments, markers, memory } = this.recorder.streamed;
    const footer: StreamFooter = { type: 'end', run: trace.run, tasks: trace.tasks, metrics: trace.metrics, annotations: trace.annotations, ...(trace.verdict ? { verdict: trace.verdict } : {}), revised, counts: { segments, markers, memory } };
    this.writer.write(footer);
    this.writer.close();
  }

  /** Where the whole run is when memory kept only its recent window (null when the trace in memory is whole). */
  private wholeRun(): WholeRun | null {
    const file = this.tracePath;
    if (this.recorder.whole || !file) return null;
    return { file, read: () => readTraceFileAsync(file) };
  }

  /** A trace that kept only the recent records says so, and where the whole run is. */
  private withSpillNote(trace: Trace): Trace {
    if (this.recorder.whole) return trace;
    const { segments, markers, memory } = this.recorder.evicted;
    const text = `This run outgrew memory: its first ${segments} segments, ${markers} markers and ${memory} memory samples are only in ${this.tracePath ?? 'the streamed trace'} (open that file for the whole run); the metrics cover the whole run.`;
    return { ...trace, markers: [{ tMs: 0, kind: 'annotation', taskId: null, text }, ...trace.markers] };
  }

  /** Ends a run that recorded nothing of its own (a preset measuring outside a timeline): run-ended without metrics. Once. */
  close(reason: RunEndReason): void {
    if (this.over) return;
    this.over = true;
    this.emit({ type: 'run-ended', runId: this.runId, reason, metrics: null });
    this.listeners.clear();
  }

  /** A run that could not end normally: an error event saying so, then run-ended "failed". Once; nothing after a run-ended. */
  fail(error: unknown, what = 'The run'): void {
    if (this.over) return;
    this.over = true;
    this.emit({ type: 'error', message: `${what} failed: ${oneLine(error)}`, runId: this.runId });
    this.emit({ type: 'run-ended', runId: this.runId, reason: 'failed', metrics: null });
    this.listeners.clear();
  }

  /** Segments of the tasks an inference touched, as they are now, replacing what was streamed for them; what was sent, or null. */
  private sendRevisedSegments(): StreamFooter['revised'] {
    const { segments } = this.recorder.snapshot();
    const revised = new Set(segments.filter((s) => s.inferred === true).map((s) => s.taskId));
    if (revised.size === 0) return null;
    const event = { taskIds: [...revised], segments: segments.filter((s) => revised.has(s.taskId)) };
    this.emit({ type: 'revised-segments', runId: this.runId, ...event });
    return event;
  }
}
