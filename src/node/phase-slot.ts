import { PHASE_CODE, PHASE_LOG_ENTRIES, PHASE_SLOT, type WorkerPhase } from '../shared/worker-slot';
import { monoMs } from './clock';

/**
 * A worker thread's Int32 phase slot (PHASE_SLOT): the thread writes its
 * phase, core and units; every phase change also goes into a small ring with
 * its time, so a reader that looks only every 100 ms (the exact source) still
 * knows when each change happened. One writer (the thread), one reader.
 */

const PHASE_BY_CODE: (WorkerPhase | undefined)[] = [];
for (const [phase, code] of Object.entries(PHASE_CODE)) PHASE_BY_CODE[code] = phase as WorkerPhase;

const US_WRAP = 2 ** 32;

export function phaseSlotView(buffer: SharedArrayBuffer, offset: number): Int32Array {
  return new Int32Array(buffer, offset, PHASE_SLOT.length);
}

/** The writer: phase, core (null: unknown) and units; a phase change is logged with tMs. */
export function writePhase(slot: Int32Array, phase: WorkerPhase, core: number | null | undefined, units: number | null, tMs: number = monoMs()): void {
  const code = PHASE_CODE[phase];
  if (core !== undefined) Atomics.store(slot, PHASE_SLOT.core, core ?? -1);
  if (units !== null) Atomics.store(slot, PHASE_SLOT.units, units & 0x7fffffff);
  if (Atomics.load(slot, PHASE_SLOT.phase) === code) return;
  const n = Atomics.load(slot, PHASE_SLOT.logCount);
  const at = PHASE_SLOT.log + 2 * (n % PHASE_LOG_ENTRIES);
  Atomics.store(slot, at, code);
  Atomics.store(slot, at + 1, Math.round(tMs * 1000) % US_WRAP | 0);
  Atomics.store(slot, PHASE_SLOT.phase, code);
  // Published last: a reader that sees the count sees the entry.
  Atomics.store(slot, PHASE_SLOT.logCount, (n + 1) | 0);
}

/** A worker thread's slot, read without a message. */
export interface PhaseReport {
  phase: WorkerPhase | null;
  /** The core the worker read for itself while computing; null when unknown (-1). */
  core: number | null;
}

export function readPhaseSlot(slot: Int32Array): PhaseReport {
  const phase = PHASE_BY_CODE[Atomics.load(slot, PHASE_SLOT.phase)] ?? null;
  const core = Atomics.load(slot, PHASE_SLOT.core);
  return { phase, core: core >= 0 ? core : null };
}

export interface PhaseChange {
  tMs: number;
  phase: WorkerPhase;
}

/**
 * Reads the phase changes logged since the last take(). Times come back as
 * CLOCK_MONOTONIC ms, rebuilt from their low 32 bits of us with the reader's
 * own clock (unambiguous for 71 minutes). `lost` says the ring went round
 * between two takes (more than PHASE_LOG_ENTRIES changes): the oldest are gone.
 */
export class PhaseLogReader {
  private seen: number;

  constructor(private readonly slot: Int32Array) {
    this.seen = Atomics.load(slot, PHASE_SLOT.logCount);
  }

  take(nowMs: number = monoMs()): { changes: PhaseChange[]; lost: boolean } {
    const prev = this.seen;
    const count = Atomics.load(this.slot, PHASE_SLOT.logCount);
    const pending = (count - prev) | 0;
    if (pending <= 0) return { changes: [], lost: false };
    const from = pending > PHASE_LOG_ENTRIES - 1 ? (count - (PHASE_LOG_ENTRIES - 1)) | 0 : prev;
    const nowUs = Math.round(nowMs * 1000);
    const changes: PhaseChange[] = [];
    for (let i = from; i !== count; i = (i + 1) | 0) {
      const at = PHASE_SLOT.log + 2 * (((i % PHASE_LOG_ENTRIES) + PHASE_LOG_ENTRIES) % PHASE_LOG_ENTRIES);
      const phase = PHASE_BY_CODE[Atomics.load(this.slot, at)];
      const lowUs = Atomics.load(this.slot, at + 1) >>> 0;
      const ageUs = (((nowUs % US_WRAP) - lowUs) % US_WRAP + US_WRAP) % US_WRAP;
      if (phase) changes.push({ tMs: (nowUs - ageUs) / 1000, phase });
    }
    // The writer may have lapped an entry while it was read: keep only those it cannot have overwritten.
    const after = Atomics.load(this.slot, PHASE_SLOT.logCount);
    const overwritten = Math.max(0, ((after - from) | 0) - (PHASE_LOG_ENTRIES - 1));
    this.seen = count;
    return { changes: changes.slice(overwritten), lost: from !== prev || overwritten > 0 };
  }
}
