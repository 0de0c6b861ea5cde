import { spawnPhaseBeginMarker } from '../../../shared';
import { monoMs } from '../../../node/clock';
import type { SessionState } from './session-state';
import { spawnWorker } from './spawn-worker';

/**
 * Starts the run's initial workers in bounded parallel batches: at most
 * `bound` starting at once, the next requested as soon as one of them said
 * hello or is gone. A worker up early waits for `start` until the phase is
 * over (worker-protocol.ts): the ones still starting get the CPU, and every
 * workload starts together, when the duration clock starts. The first batch is
 * requested before this returns (an unknown kind throws here). Resolves once
 * every initial worker is up or gone (or the run ended first), having recorded
 * the spawn phase in the trace.
 */
export function spawnInitialWorkers(s: SessionState, count: number, batch: number): Promise<void> {
  const bound = Math.max(1, Math.floor(batch));
  const startMono = monoMs();
  s.run.mark(spawnPhaseBeginMarker(s.run.relMs(startMono), count, bound));
  s.pendingSpawns = count;
  let requested = 0;
  let starting = 0;
  let over = false;
  let resolveUp!: () => void;
  const allUp = new Promise<void>((r) => (resolveUp = r));
  s.spawnPhaseOver = allUp;

  const settle = (): void => {
    if (over || starting > 0 || (s.pendingSpawns > 0 && !s.ending)) return;
    over = true;
    s.pendingSpawns = 0;
    s.spawnPhaseOver = null;
    s.run.setSpawnPhase({ startMs: s.run.relMs(startMono), endMs: s.run.relMs(), workers: requested, batch: bound });
    resolveUp();
  };
  const launch = (): void => {
    while (starting < bound && s.pendingSpawns > 0 && !s.ending) {
      s.pendingSpawns--;
      requested++;
      const w = s.workers.get(spawnWorker(s, s.params.kind));
      if (!w) continue;
      w.initial = true;
      starting++;
      void Promise.race([w.exited, w.helloSeen]).then(() => {
        starting--;
        launch();
      });
    }
    settle();
  };
  try {
    launch();
  } catch (error) {
    s.pendingSpawns = 0;
    s.spawnPhaseOver = null;
    throw error;
  }
  return allUp;
}
