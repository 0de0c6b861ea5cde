import { z } from 'zod';
import { formatMs } from '../units/format';
import type { Marker } from './schema';

/**
 * The spawn phase of a run: from the first worker's spawn request until every
 * initial worker is up (said hello) or gone, when the duration clock starts.
 * Workers start in bounded batches (at most `batch` starting at once), so on
 * a small machine with many workers this phase is seconds long; it is a phase
 * of the run, not of the workload. Optional in `run` (absent in older traces
 * and in traced commands).
 */
export const SpawnPhaseSchema = z.object({
  startMs: z.number().finite().nonnegative(),
  endMs: z.number().finite().nonnegative(),
  /** Initial workers requested in it. */
  workers: z.number().int().nonnegative().max(65_535),
  /** At most this many were starting (requested, not yet up or gone) at once. */
  batch: z.number().int().positive().max(65_535),
});
export type SpawnPhase = z.infer<typeof SpawnPhaseSchema>;

/** The run-wide 'phase' markers (taskId null) that open and close the spawn phase; the timeline draws the band between them, live too. */
export const SPAWN_PHASE_BEGIN = 'spawn phase: ';
export const SPAWN_PHASE_END = 'spawn phase over: ';

export function spawnPhaseBeginMarker(tMs: number, workers: number, batch: number): Marker {
  return { tMs, kind: 'phase', taskId: null, text: `${SPAWN_PHASE_BEGIN}${workers} workers, at most ${batch} starting at once` };
}

export function spawnPhaseEndMarker(phase: SpawnPhase): Marker {
  return { tMs: phase.endMs, kind: 'phase', taskId: null, text: `${SPAWN_PHASE_END}${phase.workers} workers up in ${formatMs(phase.endMs - phase.startMs)}, at most ${phase.batch} starting at once` };
}

/** The spawn phase as the timeline draws it: open (endMs null) until its end marker arrives; the label is the latest marker's text. */
export interface SpawnPhaseBand {
  startMs: number;
  endMs: number | null;
  label: string;
}

/** Folds markers into the spawn phase seen so far (null: none yet); other markers leave it as it was. */
export function foldSpawnPhase(current: SpawnPhaseBand | null, markers: readonly Marker[]): SpawnPhaseBand | null {
  let band = current;
  for (const m of markers) {
    if (m.kind !== 'phase' || m.taskId !== null || !m.text) continue;
    if (m.text.startsWith(SPAWN_PHASE_BEGIN)) band = { startMs: m.tMs, endMs: null, label: m.text };
    else if (m.text.startsWith(SPAWN_PHASE_END) && band) band = { startMs: band.startMs, endMs: Math.max(band.startMs, m.tMs), label: m.text };
  }
  return band;
}
