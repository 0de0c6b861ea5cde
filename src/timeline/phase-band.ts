import type { Annotation, SpawnPhaseBand } from '../shared';

export const SPAWN_PHASE_NOTE_ID = 'spawn-phase';

/**
 * The spawn phase as a note over every lane, for noteBands to place: an open
 * phase (live, its workers still starting) reaches the data's end, and a
 * replay shows it up to its time. Null when there is none to show.
 */
export function spawnPhaseNote(band: SpawnPhaseBand | null, dataEndMs: number, untilMs: number | null = null): Annotation | null {
  if (!band) return null;
  const limit = untilMs ?? Infinity;
  if (band.startMs > limit) return null;
  const endMs = Math.min(band.endMs ?? Math.max(band.startMs, dataEndMs), limit);
  return { id: SPAWN_PHASE_NOTE_ID, startMs: band.startMs, endMs, taskId: null, text: band.label, arrow: null };
}
