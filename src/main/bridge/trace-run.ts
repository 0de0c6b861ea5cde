import { LIMITS, type BridgeEvent } from '../../shared';
import type { TraceCommandOptions, TraceCommandResult } from '../tracer/trace-command';
import type { ActiveRun, RunContext } from './active-run';
import { UserError, userMessage } from './messages';

/** The tracer's entry point (a parameter so tests can count calls; the real one is src/main/tracer). */
export type TraceRunner = (options: TraceCommandOptions) => Promise<TraceCommandResult>;

export interface TraceRunRequest {
  argv: string[];
  maxDurationS: number | null;
  intervalMs: number;
  samplerEntry: string;
}

/**
 * "Run my own program" as a bridge run: the tracer starts argv and streams its
 * events like a run's. Events are held until the program's first task shows
 * (or the tracer fails), so a program that cannot start is a failed command,
 * not a run that flickers on the page. run-ended is sent after the finished
 * trace (with inferred GIL waits) is kept, so getTrace on run-ended has it.
 */
export async function startTraceRun(ctx: RunContext, request: TraceRunRequest, run: TraceRunner): Promise<ActiveRun> {
  const abort = new AbortController();
  let held: BridgeEvent[] | null = [];
  let runId: string | null = null;
  let endedEvent: Extract<BridgeEvent, { type: 'run-ended' }> | null = null;
  let started: (id: string) => void = () => undefined;
  let failedToStart: (error: unknown) => void = () => undefined;
  const startedRun = new Promise<string>((resolve, reject) => {
    started = resolve;
    failedToStart = reject;
  });
  const release = (): void => {
    if (!held || runId === null) return;
    const events = held;
    held = null;
    for (const e of events) ctx.emit(e);
    started(runId);
  };
  const onEvent = (event: BridgeEvent): void => {
    if (event.type === 'run-started') runId = event.run.runId;
    if (event.type === 'run-ended') {
      endedEvent = event; // sent once the trace is kept
      return;
    }
    if (held) {
      held.push(event);
      if (event.type === 'task') release();
    } else ctx.emit(event);
  };

  const ended = run({
    argv: request.argv,
    samplerEntry: request.samplerEntry,
    intervalMs: request.intervalMs,
    maxDurationS: request.maxDurationS ?? LIMITS.maxDurationS,
    onEvent,
    signal: abort.signal,
  }).then(
    (result) => {
      release(); // a program that ended before its first task was seen
      ctx.onTrace(result.trace);
      const last = endedEvent as Extract<BridgeEvent, { type: 'run-ended' }> | null;
      ctx.emit(last ?? { type: 'run-ended', runId: result.trace.run.runId, reason: abort.signal.aborted ? 'stopped' : 'finished', metrics: result.trace.metrics });
    },
    (error: unknown) => {
      if (held) {
        held = null;
        failedToStart(new UserError(userMessage(error)));
        return;
      }
      ctx.emit({ type: 'error', message: `Tracing ${request.argv[0]} failed: ${userMessage(error)}`, runId });
      ctx.emit({ type: 'run-ended', runId: runId ?? 'trace', reason: abort.signal.aborted ? 'stopped' : 'failed', metrics: null });
    },
  );

  const id = await startedRun;
  return {
    runId: id,
    session: () => null,
    stop: async () => {
      abort.abort();
      await ended;
    },
    ended,
  };
}
