import { PHASE_CODE, PHASE_SLOT, type WorkerPhase } from '../../shared';

const PHASE_BY_CODE: (WorkerPhase | undefined)[] = [];
for (const [phase, code] of Object.entries(PHASE_CODE)) PHASE_BY_CODE[code] = phase as WorkerPhase;

/** A worker thread's phase slot, read without a message. */
export interface PhaseReport {
  phase: WorkerPhase | null;
  /** The core the worker read for itself while computing; null when unknown (-1). */
  core: number | null;
}

export function phaseSlotView(buffer: SharedArrayBuffer, offset: number): Int32Array {
  return new Int32Array(buffer, offset, PHASE_SLOT.length);
}

export function readPhaseSlot(slot: Int32Array): PhaseReport {
  const phase = PHASE_BY_CODE[Atomics.load(slot, PHASE_SLOT.phase)] ?? null;
  const core = Atomics.load(slot, PHASE_SLOT.core);
  return { phase, core: core >= 0 ? core : null };
}
