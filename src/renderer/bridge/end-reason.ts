import type { Trace } from '../../shared';

/**
 * How a recorded run ended, as far as the trace tells: the file has no end
 * reason of its own, but a stopped run's tasks say 'stopped'. Without that,
 * the run is taken to have finished.
 */
export function endReasonOf(trace: Trace): 'finished' | 'stopped' {
  return trace.tasks.some((t) => t.exitReason === 'stopped') ? 'stopped' : 'finished';
}
