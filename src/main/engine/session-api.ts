import type { BridgeEvent, Disposer, Machine, RunParams, Trace, WorkerKind } from '../../shared';
import type { EntryPaths } from './entries';
import type { ProcessHost } from './hosts/process-host';

/** Everything a host (CLI, web server, Electron shell) gives the engine. */
export interface EngineOptions {
  entries: EntryPaths;
  processHost: ProcessHost;
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
  /** Live events (task, segments, markers, memory, metrics, progress, run-ended). */
  subscribe(listener: (event: BridgeEvent) => void): Disposer;
  /** Test hook: make one worker throw, exit, hang or abort. */
  misbehave(taskId: string, how: 'throw' | 'exit' | 'hang' | 'abort'): void;
}

export interface Engine {
  machine(): Promise<Machine>;
  /** Validates params (throws a ZodError-derived Error with a clear message) and starts a run. */
  startRun(params: Partial<RunParams>, scenarioId?: string | null): Promise<Session>;
  /** Ends every run and process. */
  dispose(): Promise<void>;
}
