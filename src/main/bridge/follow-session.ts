import type { BridgeEvent, Machine, Trace } from '../../shared';
import type { Session } from '../engine/session-api';
import { userMessage } from './messages';

export type RunEndedEvent = Extract<BridgeEvent, { type: 'run-ended' }>;

export interface FollowOptions {
  scenarioId: string | null;
  machine: Machine;
  emit(event: BridgeEvent): void;
  /** Gets the run's run-ended event instead of emit (a preset holds it back, to send its verdict right after). */
  onRunEnded?(event: RunEndedEvent): void;
  onTrace(trace: Trace): void;
}

/**
 * Announces a session (run-started), forwards its events, and makes sure
 * exactly one run-ended reaches the listeners even if the engine ends the run
 * without saying so. Resolves once the session is over; never rejects.
 */
export function followSession(session: Session, options: FollowOptions): Promise<void> {
  let endedSeen = false;
  const endRun = (event: RunEndedEvent): void => {
    if (endedSeen) return;
    endedSeen = true;
    (options.onRunEnded ?? options.emit)(event);
  };

  options.emit({
    type: 'run-started',
    run: { runId: session.runId, scenarioId: options.scenarioId, params: session.params, startedAt: new Date().toISOString(), wallMs: 0 },
    machine: options.machine,
  });
  const unsubscribe = session.subscribe((event) => {
    if (event.type === 'run-started') return; // announced above
    if (event.type === 'run-ended') endRun(event);
    else options.emit(event);
  });

  const afterPendingEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  return session.done.then(
    async (trace) => {
      options.onTrace(trace);
      await afterPendingEvents();
      endRun({ type: 'run-ended', runId: session.runId, reason: 'finished', metrics: trace.metrics });
      unsubscribe();
    },
    async (error: unknown) => {
      await afterPendingEvents();
      options.emit({ type: 'error', message: `The run failed: ${userMessage(error)}`, runId: session.runId });
      endRun({ type: 'run-ended', runId: session.runId, reason: 'failed', metrics: null });
      unsubscribe();
    },
  );
}
