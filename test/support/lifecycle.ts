import type { BridgeEvent } from '../../src/shared';

/** Per run id, how many run-started and run-ended events a listener saw, in the order the runs started. */
export function lifecycleCounts(events: readonly BridgeEvent[]): Map<string, { started: number; ended: number }> {
  const counts = new Map<string, { started: number; ended: number }>();
  const of = (runId: string) => {
    let c = counts.get(runId);
    if (!c) counts.set(runId, (c = { started: 0, ended: 0 }));
    return c;
  };
  for (const e of events) {
    if (e.type === 'run-started') of(e.run.runId).started++;
    if (e.type === 'run-ended') of(e.runId).ended++;
  }
  return counts;
}

/** True when every run seen was announced exactly once and ended exactly once. */
export function onePairPerRun(events: readonly BridgeEvent[]): boolean {
  return [...lifecycleCounts(events).values()].every((c) => c.started === 1 && c.ended === 1);
}
