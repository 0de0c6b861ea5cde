import { PHASE_CODE, PHASE_SLOT } from '../../../shared';

/** A fresh Int32 phase slot (PHASE_SLOT layout) for one worker, in its own SharedArrayBuffer. */
export function allocatePhaseSlot(): { buffer: SharedArrayBuffer; offset: number } {
  const buffer = new SharedArrayBuffer(PHASE_SLOT.length * Int32Array.BYTES_PER_ELEMENT);
  const view = new Int32Array(buffer);
  view[PHASE_SLOT.phase] = PHASE_CODE.starting;
  view[PHASE_SLOT.core] = -1;
  return { buffer, offset: 0 };
}

/** Units done as the thread last wrote them (low 31 bits). */
export function readSlotUnits(slot: { buffer: SharedArrayBuffer; offset: number }): number {
  return Atomics.load(new Int32Array(slot.buffer, slot.offset, PHASE_SLOT.length), PHASE_SLOT.units);
}
