import type { RunParams, Trace, WorkerKind } from '../../../shared';
import type { DriverContext, KindDefinition, KindDriver } from '../kinds/kind-driver';
import type { RunRecording } from '../recording';
import type { Sampler } from '../sampling/sampler-api';
import type { SessionTiming } from './timing';
import type { WorkerRecord } from './worker-record';

/** What every part of a session (protocol, exits, discovery, watchdog, timers) shares. */
export interface SessionState {
  readonly runId: string;
  readonly params: RunParams;
  readonly timing: SessionTiming;
  readonly run: RunRecording;
  readonly sampler: Sampler;
  readonly workers: Map<string, WorkerRecord>;
  readonly drivers: Map<WorkerKind, KindDriver>;
  readonly driverContext: DriverContext;
  readonly findKind: (kind: WorkerKind) => KindDefinition | undefined;
  /** Set once the run ends (stop, duration, work done): the trace to come. */
  ending: Promise<Trace> | null;
  /** The user stopped the run (stop()), rather than its duration or its work ending it. */
  stoppedByUser: boolean;
  nextIndex: number;
  /** Initial workers not requested yet (the spawn phase starts them in batches): they count against the caps, and a run of fixed work is not over before they ran. */
  pendingSpawns: number;
  /** While the spawn phase runs: resolves at its end, when its workers get `start` together (so the first up do not compute while the rest start). */
  spawnPhaseOver: Promise<void> | null;
  /** Ends the run (idempotent). */
  end(reason: 'finished' | 'stopped'): Promise<Trace>;
}

/** Workers not gone yet. */
export function liveWorkers(s: SessionState): WorkerRecord[] {
  return [...s.workers.values()].filter((w) => !w.gone);
}

/** Units of work each worker reported so far, by task id. */
export function unitsDone(s: SessionState): Record<string, number> {
  return Object.fromEntries([...s.workers.values()].map((w) => [w.taskId, w.unitsDone]));
}
