import type { RunParams } from './scenario/schema';
import { LIMITS } from './scenario/limits';
import { WORKLOADS } from './scenario/workloads';
import { isNumber, isRecord, oneOf } from './plain-checks';

/**
 * The worker's side of ToWorkerSchema, without zod. Zod is 750 kB of bundled
 * source: every worker isolate would parse and build it before its workload
 * could start, which about doubled a thread's memory and spawn time. The engine
 * validates with zod what a worker sends (the worker is untrusted input); a
 * worker checks here every field it acts on, by the same rules as the schema
 * (test/unit/shared/worker-orders.test.ts compares the two on random input).
 */

export const MISBEHAVIOURS = ['throw', 'exit', 'hang', 'abort'] as const;
export type Misbehaviour = (typeof MISBEHAVIOURS)[number];

/** The run parameters a workload worker reads. */
export type WorkerParams = Pick<RunParams, 'workload' | 'workUnits' | 'memoryMb' | 'durationS'>;

/** What a worker is told to do: a `start`, `stop` or `misbehave` message as the worker reads it. */
export type WorkerOrder =
  | { type: 'start'; taskId: string; params: WorkerParams; requestedAtMono: number }
  | { type: 'stop' }
  | { type: 'misbehave'; how: Misbehaviour };

type Field = { ok: true } | { ok: false; error: string };
const ok: Field = { ok: true };
const bad = (error: string): Field => ({ ok: false, error });


function checkParams(p: Record<string, unknown>): Field {
  if (!oneOf(WORKLOADS, p.workload)) return bad(`params.workload must be one of ${WORKLOADS.join(', ')}`);
  const units = p.workUnits;
  if (units !== null && !(isNumber(units) && Number.isInteger(units) && units >= 1 && units <= 1e9)) return bad('params.workUnits must be null or a whole number from 1 to 1e9');
  if (!(isNumber(p.memoryMb) && p.memoryMb > 0 && p.memoryMb <= LIMITS.maxMemoryMb)) return bad(`params.memoryMb must be more than 0 and at most ${LIMITS.maxMemoryMb}`);
  if (!(isNumber(p.durationS) && p.durationS > 0 && p.durationS <= LIMITS.maxDurationS)) return bad(`params.durationS must be more than 0 and at most ${LIMITS.maxDurationS}`);
  return ok;
}

/** Reads a message from the engine: the order, or why it was rejected. */
export function readWorkerOrder(raw: unknown): { ok: true; order: WorkerOrder } | { ok: false; error: string } {
  if (!isRecord(raw)) return { ok: false, error: 'a message must be an object' };
  switch (raw.type) {
    case 'stop':
      return { ok: true, order: { type: 'stop' } };
    case 'misbehave':
      return oneOf(MISBEHAVIOURS, raw.how) ? { ok: true, order: { type: 'misbehave', how: raw.how } } : { ok: false, error: `how must be one of ${MISBEHAVIOURS.join(', ')}` };
    case 'start': {
      if (typeof raw.taskId !== 'string') return { ok: false, error: 'taskId must be a string' };
      if (!isNumber(raw.requestedAtMono)) return { ok: false, error: 'requestedAtMono must be a number' };
      if (!isRecord(raw.params)) return { ok: false, error: 'params must be an object' };
      const checked = checkParams(raw.params);
      if (!checked.ok) return checked;
      const { workload, workUnits, memoryMb, durationS } = raw.params as WorkerParams;
      return { ok: true, order: { type: 'start', taskId: raw.taskId, requestedAtMono: raw.requestedAtMono, params: { workload, workUnits, memoryMb, durationS } } };
    }
    default:
      return { ok: false, error: 'type must be start, stop or misbehave' };
  }
}
