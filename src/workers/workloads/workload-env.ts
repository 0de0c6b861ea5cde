import type { WorkerPhase } from '../../shared/worker-slot';

/**
 * Everything a workload touches outside pure computation, injected so the
 * workloads are plain functions that unit tests drive with real timers and files.
 */
export interface WorkloadEnv {
  /** Monotonic ms. */
  now(): number;
  /** Real waiting: resolves after `ms` (a timer). */
  sleep(ms: number): Promise<void>;
  /** Lets queued messages (stop) in between chunks of computation. */
  yieldToLoop(): Promise<void>;
  /** Real file read; resolves with the number of bytes read. */
  readFile(path: string): Promise<number>;
  /** A real file this worker may read (created by the runtime). */
  readonly scratchFile: string;
  /** Reports a phase change; `core` only while computing (null = unknown). */
  setPhase(phase: WorkerPhase): void;
  /** Called after every chunk of computation: reports progress and refreshes the core. */
  chunkDone(unitsDone: number): void;
  /** True once the engine asked to stop. */
  stopped(): boolean;
}

/** How long one chunk of computation runs before the workload reports and yields. */
export const CHUNK_MS = 2;
