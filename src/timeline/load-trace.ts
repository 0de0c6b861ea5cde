import type { Trace } from '../shared';
import type { TimelineModel } from './model';

/**
 * Puts a whole finished run into a model at once: what an exported picture
 * is drawn from (the page gets a run as events, an opened file as a replay).
 */
export function loadTraceIntoModel(model: TimelineModel, trace: Trace): void {
  model.reset(trace.run.runId, trace.machine);
  for (const task of trace.tasks) model.upsertTask(task);
  model.appendSegments(trace.segments);
  model.appendMarkers(trace.markers);
  model.closeGil(trace.metrics?.wallMs ?? model.endMs);
  model.settleRun();
}
