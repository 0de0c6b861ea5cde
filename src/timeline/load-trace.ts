import type { Trace } from '../shared';
import type { TimelineModel } from './model';

/**
 * Puts a whole finished run into the model at once. Used when the engine can
 * only infer some states after the run (CPython GIL waits, marked inferred):
 * the live stream never had them, the final trace does.
 */
export function loadTraceIntoModel(model: TimelineModel, trace: Trace): void {
  model.reset(trace.run.runId, trace.machine);
  for (const task of trace.tasks) model.upsertTask(task);
  model.appendSegments(trace.segments);
  model.appendMarkers(trace.markers);
  model.closeGil(trace.metrics?.wallMs ?? model.endMs);
}

/** Whether a finished run's trace holds states the live stream could not carry. */
export function hasInferredStates(trace: Trace): boolean {
  return trace.segments.some((s) => s.inferred === true);
}
