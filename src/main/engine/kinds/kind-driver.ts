import type { Disposer, FromWorker, RunParams, Segment, TaskKind, ToWorker, WorkerKind } from '../../../shared';
import type { EntryPaths } from '../entries';
import type { ProcessLauncher } from '../launchers/process-launcher';

/**
 * A kind of worker the session can spawn (thread, process, gil-thread,
 * python-thread, python-process). The session knows only this interface: a new
 * kind is a new driver file plus one line in ./registry.ts, never a session edit.
 */

/** Whether a kind can run on this machine, and why not (shown to the user as is). */
export interface KindAvailability {
  available: boolean;
  reason: string | null;
}

/** What the session gives a driver once per run. */
export interface DriverContext {
  params: RunParams;
  entries: EntryPaths;
  launcher: ProcessLauncher;
  /** CLOCK_MONOTONIC ms of the run's start. */
  runStartMono: number;
}

/** What the session gives a driver for each worker it spawns. */
export interface SpawnRequest {
  taskId: string;
  /** Index of the worker in the run (0, 1, ...), for labels and service names. */
  index: number;
  /** Monotonic ms at which the spawn was requested (sent in the `start` message). */
  requestedAtMono: number;
  /**
   * Int32 phase slot (PHASE_SLOT layout) inside a SharedArrayBuffer the session
   * allocated for this worker. Thread-like drivers pass it to the worker (it
   * writes phase/core/tid/units there) and return it in `WorkerHandle.phaseSlot`
   * so the sampler reads it; process drivers ignore it.
   */
  phaseSlot: { buffer: SharedArrayBuffer; offset: number };
}

/** An extra OS task a worker brings along (e.g. the threads of a Python process). */
export interface ExtraTask {
  /** Stable key within the worker, e.g. "tid:1234"; the session derives a task id from it. */
  key: string;
  kind: TaskKind;
  label: string;
  pid: number;
  tid: number;
}

/** Why a worker ended, as its driver saw it. */
export interface WorkerExit {
  code: number | null;
  signal: string | null;
  /** Error text when the worker died of an uncaught error (threads: the 'error' event). */
  error: string | null;
  /** A short excerpt of what the worker wrote to stderr, when it ended abnormally and the launcher captured it. */
  stderr?: string | null;
}

/**
 * One spawned worker as the session sees it. Messages are raw: the session
 * validates them with FromWorkerSchema (and rejects what does not parse).
 * The primary task's pid/tid come from its `hello`.
 */
export interface WorkerHandle {
  /** OS pid of the worker's process as soon as the driver knows it (a thread: the app's own pid). */
  readonly pid: number | null;
  /** Phase slot the sampler should read for the primary task, if the worker writes one. */
  readonly phaseSlot: { buffer: SharedArrayBuffer; offset: number } | null;
  post(message: ToWorker): void;
  /** Ends the worker at once (worker.terminate / SIGKILL). Safe to call twice. */
  kill(): void;
  onMessage(listener: (message: FromWorker | unknown) => void): Disposer;
  /** Called once when the worker is gone. */
  onExit(listener: (exit: WorkerExit) => void): Disposer;
  /** Extra OS tasks appearing (and, with `gone`, disappearing) during the run. Optional. */
  onExtraTask?(listener: (task: ExtraTask, gone: boolean) => void): Disposer;
}

export interface KindDriver {
  readonly kind: WorkerKind;
  /** Task kind of the primary task in the trace. */
  readonly taskKind: TaskKind;
  spawn(request: SpawnRequest): WorkerHandle;
  /** Releases what the driver holds for the run (shared locks, temp files). */
  dispose?(): void;
  /**
   * Lays what the driver could only infer over the sampler's segments, once,
   * after the run (python-thread: CPython GIL waits, marked inferred: true).
   * Must never turn an observed running segment into something else.
   */
  inferSegments?(segments: Segment[]): Segment[];
}

/** Registry entry: availability is per machine; a driver instance is per run. */
export interface KindDefinition {
  readonly kind: WorkerKind;
  availability(): Promise<KindAvailability>;
  create(context: DriverContext): KindDriver;
}
