import type { WorkerPhase } from '../../../shared';

/**
 * A task's reported phases with their times (ms since the run's start), so a
 * sleep drawn from switch records long after it happened still gets the kind
 * the workload said it was in (io, waiting, gil-wait). Pure.
 */
export class PhaseHistory {
  /** Sorted by tMs; entry 0 is the phase in force before every later one. */
  private changes: { tMs: number; phase: WorkerPhase }[] = [];

  add(tMs: number, phase: WorkerPhase): void {
    const last = this.changes.at(-1);
    if (last && last.phase === phase) return;
    if (last && tMs < last.tMs) {
      // Out of order (a message and a slot read crossing): insert in place.
      const i = this.changes.findIndex((c) => c.tMs > tMs);
      this.changes.splice(i, 0, { tMs, phase });
      return;
    }
    this.changes.push({ tMs, phase });
  }

  /** The phase in force at tMs (null before the first report). */
  at(tMs: number): WorkerPhase | null {
    let phase: WorkerPhase | null = null;
    for (const c of this.changes) {
      if (c.tMs > tMs) break;
      phase = c.phase;
    }
    return phase;
  }

  /** Whether a change to another phase falls inside (startMs, endMs), i.e. split() would give more than one piece. */
  changesWithin(startMs: number, endMs: number): boolean {
    let phase = null as WorkerPhase | null;
    for (const c of this.changes) {
      if (c.tMs <= startMs) {
        phase = c.phase;
        continue;
      }
      if (c.tMs >= endMs) return false;
      if (c.phase !== phase) return true;
    }
    return false;
  }

  /** [start, end) cut where the phase changed, each piece with its phase. */
  split(startMs: number, endMs: number): { startMs: number; endMs: number; phase: WorkerPhase | null }[] {
    const pieces: { startMs: number; endMs: number; phase: WorkerPhase | null }[] = [];
    let from = startMs;
    let phase = this.at(startMs);
    for (const c of this.changes) {
      if (c.tMs <= startMs) continue;
      if (c.tMs >= endMs) break;
      if (c.phase === phase) continue;
      pieces.push({ startMs: from, endMs: c.tMs, phase });
      from = c.tMs;
      phase = c.phase;
    }
    pieces.push({ startMs: from, endMs, phase });
    return pieces;
  }

  /** Forgets what no segment can need any more: changes before tMs, except the one in force then. */
  forgetBefore(tMs: number): void {
    let keepFrom = 0;
    for (let i = 0; i < this.changes.length; i++) if (this.changes[i]!.tMs <= tMs) keepFrom = i;
    if (keepFrom > 0) this.changes = this.changes.slice(keepFrom);
  }

  get size(): number {
    return this.changes.length;
  }
}
