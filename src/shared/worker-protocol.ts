import { z } from 'zod';
import { RunParamsSchema } from './scenario/schema';
import { MARKER_KINDS } from './trace/schema';

/**
 * Messages between the engine and a workload worker (thread or process). Both
 * sides validate. Times are ms on CLOCK_MONOTONIC (process.hrtime), which all
 * threads and processes of the machine share.
 */

export const WORKER_PHASES = ['starting', 'compute', 'io', 'waiting', 'gil-wait', 'done'] as const;
export type WorkerPhase = (typeof WORKER_PHASES)[number];

/** Numeric codes for the SharedArrayBuffer phase slot of a thread. */
export const PHASE_CODE: Record<WorkerPhase, number> = {
  starting: 0,
  compute: 1,
  io: 2,
  waiting: 3,
  'gil-wait': 4,
  done: 5,
};

/** Phase changes a thread's slot keeps with their times (a ring): the exact source splits a sleep where the phase changed. */
export const PHASE_LOG_ENTRIES = 64;

/**
 * Layout of one worker's Int32 phase slot (threads write it, the sampler reads
 * it without a message): [phase, core (-1 unknown), tid, unitsDone low 31
 * bits, count of phase changes logged, 3 spare, then PHASE_LOG_ENTRIES pairs
 * (phase code, CLOCK_MONOTONIC us low 32 bits)]. src/node/phase-slot.ts writes and reads it.
 */
export const PHASE_SLOT = { phase: 0, core: 1, tid: 2, units: 3, logCount: 4, log: 8, length: 8 + 2 * PHASE_LOG_ENTRIES } as const;

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
  z.object({ type: z.literal('misbehave'), how: z.enum(['throw', 'exit', 'hang', 'abort']) }),
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
