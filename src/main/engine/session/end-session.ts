import type { SamplerStats, Segment, Trace } from '../../../shared';
import { monoMs } from '../../../node/clock';
import type { RunTimers } from './run-timers';
import { liveWorkers, unitsDone, type SessionState } from './session-state';
import { stopWorker } from './worker-exits';

/**
 * The end of a session: timers off, every worker stopped (or killed as hung),
 * drivers released, the sampler stopped, the app's own tasks closed, then the
 * run-recording core's end sequence (inferences, final metrics, run-ended).
 */
export async function endSession(s: SessionState, timers: RunTimers, stopWatchdog: () => void, offBatch: () => void): Promise<Trace> {
  timers.stop();
  await Promise.all(liveWorkers(s).map((w) => stopWorker(s, w)));
  stopWatchdog();
  for (const d of s.drivers.values()) d.dispose?.();
  const endMono = monoMs();
  s.sampler.untrack('main');
  if (s.sampler.tid !== null) s.sampler.untrack('sampler');
  let stats: SamplerStats | null = null;
  try {
    stats = await s.sampler.stop();
  } catch (error) {
    s.run.mark({ tMs: s.run.relMs(), kind: 'error', taskId: 'sampler', text: String(error instanceof Error ? error.message : error) });
  }
  offBatch();
  const wallMs = s.run.relMs(endMono);
  for (const id of ['main', 'sampler']) {
    const task = s.run.task(id);
    if (task) s.run.putTask({ ...task, exitMs: wallMs, exitReason: 'finished' });
  }
  timers.sendProgress();
  const inferences = [...s.drivers.values()].flatMap((d) => (d.inferSegments ? [(segments: Segment[]) => d.inferSegments!(segments)] : []));
  return s.run.finish({ reason: s.stoppedByUser ? 'stopped' : 'finished', stats, wallMs, unitsDone: unitsDone(s), inferences });
}
