/**
 * A workload worker's phases and the layout of a thread's phase slot. No zod
 * here: worker entries import this at startup (see worker-orders.ts for why).
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
