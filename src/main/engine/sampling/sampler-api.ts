import type { Disposer, Marker, SamplerStats, Segment, SourceChoice, SourceRefusal } from '../../../shared';
import type { WorkerPhase } from '../../../shared';

/** A task the sampler observes. */
export interface TrackedTask {
  taskId: string;
  pid: number;
  /** OS thread id; for a single-threaded process, tid === pid. */
  tid: number;
  /**
   * Optional Int32 phase slot (PHASE_SLOT layout) that a worker thread writes;
   * the sampler reads it at each sample to tell compute from I/O from GIL wait,
   * and to get the exact core from the running thread itself. `offset` is in
   * BYTES (as for `new Int32Array(buffer, offset, PHASE_SLOT.length)`).
   */
  phaseSlot?: { buffer: SharedArrayBuffer; offset: number };
}

/** What the sampler hands back to the engine, in batches every ~20-50 ms. */
export interface SamplerBatch {
  /** Closed run-length segments (a still-open segment is flushed on untrack and stop). */
  segments: Segment[];
  /** Markers the sampler derives (e.g. a migration it saw is not a marker; errors are). */
  markers: Marker[];
  /** RSS per address space (pid), sampled at a lower rate (~10 Hz). */
  memory: { tMs: number; addressSpace: number; rssBytes: number }[];
  /** The sampler's own measurements so far (cheap to compute), so live metrics need not wait for stop(). */
  stats?: SamplerStats;
  /** Exact source: when the kernel created a tracked task, ms since the run's start (its lane starts there). */
  born?: { taskId: string; tMs: number }[];
}

/**
 * The sampler: runs in its own worker thread; reads the kernel's context-switch
 * records where allowed (exact), else /proc at ~1 kHz with fds kept open and
 * Atomics.wait to deadlines (Linux), or a portable fallback that never reports
 * cores (other OSes).
 */
export interface Sampler {
  track(task: TrackedTask): void;
  /** Reads the task one last time, closes its segment, releases its fds. */
  untrack(taskId: string): void;
  /** Phase reports from processes (threads use their slot instead). */
  reportPhase(taskId: string, phase: WorkerPhase, core: number | null, atMs: number): void;
  onBatch(listener: (batch: SamplerBatch) => void): Disposer;
  /** Flushes everything, ends the worker thread, returns its own measurements. */
  stop(): Promise<SamplerStats>;
  /** The sampler thread's own OS tid (it is a task of the trace too). */
  readonly tid: number | null;
  /** The source in use (exact, proc, portable), when exact was refused why and what enables it, and a /proc sampler's CPU budget. */
  readonly source: { used: string; refusal: SourceRefusal | null; cpuBudgetPercent?: number };
}

export interface SamplerOptions {
  samplerEntry: string;
  intervalMs: number;
  /** CLOCK_MONOTONIC ms of the run's start; segments are relative to it. */
  runStartMono: number;
  /** Read a task that sleeps with unchanged counters only every Nth sample (default 4; 1 = always). */
  idleReadEvery?: number;
  /** Nice value the sampler thread asks for (best effort, default -10); null leaves it. */
  nice?: number | null;
  /** Use the portable source (no cores, no /proc) even on Linux; for tests of the fallback. */
  forcePortable?: boolean;
  /** auto (default): exact switch records where the kernel allows them, else /proc; exact fails when refused. */
  source?: SourceChoice;
  /**
   * /proc: the sampler's own CPU budget, % of one core (default 3, or the
   * CORELANES_PROC_CPU_BUDGET environment variable: a number, or "off"); it
   * samples less often than intervalMs, down to every 8 ms, to stay within it.
   * null: a fixed interval, whatever it costs.
   */
  cpuBudgetPercent?: number | null;
  /** Exact source: ms between reads of the kernel's rings (default 100). */
  drainMs?: number;
  /** Tests: perf_event_open answers this errno (the refusal path end to end). */
  denyExact?: 'EACCES' | 'EPERM' | null;
}
