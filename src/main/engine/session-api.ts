import type { BridgeEvent, Disposer, Machine, RunParams, Trace, WorkerKind } from '../../shared';
import type { EntryPaths } from './entries';
import type { ProcessLauncher } from './launchers/process-launcher';
import type { RunEndReason, RunObserver, RunStorage } from './recording/run-recording';

export type { RunEndReason, RunObserver, RunStorage } from './recording/run-recording';

/** Everything a front end (the CLI, web mode, the Electron app) gives the engine. */
export interface EngineOptions {
  entries: EntryPaths;
  launcher: ProcessLauncher;
  /** Where a run with no file of its own spills once it outgrows memory (the app's userData/spill); the OS temp folder when absent. */
  spillDir?: string;
}

/** One run of one scenario. Emits the bridge events of DESIGN.md section 8. */
export interface Session {
  readonly runId: string;
  readonly params: RunParams;
  /** Adds one worker (of the run's kind unless given); resolves with its task id once spawned. */
  addWorker(kind?: WorkerKind | null): Promise<string>;
  /** Removes a worker (the newest when no id); resolves with its id, null if none left. */
  removeWorker(taskId?: string | null): Promise<string | null>;
  /** Ends every worker and the sampler; resolves when all are gone. Idempotent. */
  stop(): Promise<Trace>;
  /** Resolves with the finished trace when the run ends by itself or by stop(). */
  readonly done: Promise<Trace>;
  /**
   * Live events from now on (task, segments, markers, memory, metrics,
   * progress, run-ended). Nothing is replayed: to see a run from its
   * run-started, observe the engine (Engine.observe) before starting it.
   */
  subscribe(listener: (event: BridgeEvent) => void): Disposer;
  /** Test hook: make one worker throw, exit, hang or abort. */
  misbehave(taskId: string, how: 'throw' | 'exit' | 'hang' | 'abort'): void;
}

/** A run with no session of its own: a preset that measures outside a timeline (message cost, races, pools). */
export interface Measurement {
  readonly runId: string;
  /** run-ended (no metrics: nothing was recorded). Once. */
  end(reason: RunEndReason): void;
  /** An error event (`<what> failed: <message>`) and run-ended "failed". Once. */
  fail(error: unknown, what: string): void;
}

/**
 * The one owner of a run's lifecycle: every run it starts (a session, a
 * measurement) says run-started once and run-ended once, to every observer.
 */
export interface Engine {
  machine(): Promise<Machine>;
  /**
   * Validates params (throws a ZodError-derived Error with a clear message) and starts a run.
   * `storage`: where its trace streams (a file from the start, else a spill file once it outgrows memory).
   */
  startRun(params: Partial<RunParams>, scenarioId?: string | null, storage?: RunStorage): Promise<Session>;
  /** Announces a run that measures without sessions (run-started now); the caller ends it. */
  startMeasurement(scenarioId: string, params: Partial<RunParams>): Measurement;
  /** Hears every run of this engine from its run-started to its run-ended, and each finished trace just before its run-ended. */
  observe(observer: RunObserver): Disposer;
  /** Ends every run and process. */
  dispose(): Promise<void>;
}
