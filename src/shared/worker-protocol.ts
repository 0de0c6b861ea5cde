import { z } from 'zod';
import { RunParamsSchema } from './scenario/schema';
import { MARKER_KINDS } from './trace/schema';
import { MISBEHAVIOURS } from './worker-orders';
import { WORKER_PHASES } from './worker-slot';

export { WORKER_PHASES, PHASE_CODE, PHASE_LOG_ENTRIES, PHASE_SLOT, type WorkerPhase } from './worker-slot';

/**
 * Messages between the engine and a workload worker (thread or process). Both
 * sides validate: the engine with these schemas, the worker with the zod-free
 * readWorkerOrder (worker-orders.ts), which a unit test holds to ToWorkerSchema. Times are ms on CLOCK_MONOTONIC (process.hrtime), which all
 * threads and processes of the machine share.
 */

export const ToWorkerSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    taskId: z.string(),
    params: RunParamsSchema,
    /** Monotonic ms at which the engine asked for the spawn, for the latency report. */
    requestedAtMono: z.number(),
  }),
  z.object({ type: z.literal('stop') }),
  /** Test hooks for the crash cases: throw, exit, hang, abort. */
  z.object({ type: z.literal('misbehave'), how: z.enum(MISBEHAVIOURS) }),
]);
export type ToWorker = z.infer<typeof ToWorkerSchema>;

export const FromWorkerSchema = z.discriminatedUnion('type', [
  /** First message: who and where the worker is, and when its first instruction ran. */
  z.object({
    type: z.literal('hello'),
    pid: z.number().int(),
    tid: z.number().int().nullable(),
    startedAtMono: z.number(),
  }),
  z.object({ type: z.literal('phase'), phase: z.enum(WORKER_PHASES), core: z.number().int().nullable(), atMono: z.number() }),
  z.object({ type: z.literal('progress'), unitsDone: z.number().nonnegative(), heapBytes: z.number().nullable() }),
  z.object({ type: z.literal('done'), unitsDone: z.number().nonnegative() }),
  z.object({ type: z.literal('error'), message: z.string().max(4000), stack: z.string().max(8000).nullable() }),
  /**
   * A marker the worker (or its driver) reports, e.g. a simulated-GIL hand-over
   * to this worker (peerTaskId = the previous holder). The session appends it
   * to the trace's markers at atMono (converted to run ms), taskId = this worker.
   */
  z.object({
    type: z.literal('marker'),
    kind: z.enum(MARKER_KINDS),
    atMono: z.number(),
    peerTaskId: z.string().max(64).nullable(),
    text: z.string().max(2000).nullable(),
  }),
]);
export type FromWorker = z.infer<typeof FromWorkerSchema>;
