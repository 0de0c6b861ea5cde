import { LIMITS, type SourceChoice } from '../../shared';
import type { TraceCommandOptions, TraceCommandResult } from '../tracer/trace-command';
import type { ActiveRun, RunContext } from './active-run';
import { UserError, userMessage } from './messages';

/** The tracer's entry point (a parameter so tests can count calls; the real one is src/main/tracer). */
export type TraceRunner = (options: TraceCommandOptions) => Promise<TraceCommandResult>;

export interface TraceRunRequest {
  argv: string[];
  maxDurationS: number | null;
  intervalMs: number;
  source: SourceChoice;
  /** The working directory the program runs in. */
  cwd: string;
  samplerEntry: string;
}

/**
 * "Run my own program" as a bridge run: the tracer starts argv and records it
 * with the run-recording core, which announces the run once the program has
 * started and ends it (as failed too) itself; the bridge forwards its events
 * and keeps its trace, handed over before run-ended. A program that cannot
 * start is a failed command, not a run.
 */
export function startTraceRun(ctx: RunContext, request: TraceRunRequest, run: TraceRunner): ActiveRun {
  const abort = new AbortController();
  let started: (id: string) => void = () => undefined;
  let failedToStart: (error: unknown) => void = () => undefined;
  const startedRun = new Promise<string>((resolve, reject) => {
    started = resolve;
    failedToStart = reject;
  });
  const ended = run({
    argv: request.argv,
    samplerEntry: request.samplerEntry,
    intervalMs: request.intervalMs,
    source: request.source,
    cwd: request.cwd,
    maxDurationS: request.maxDurationS ?? LIMITS.maxDurationS,
    signal: abort.signal,
    onEvent: (event) => {
      if (event.type === 'run-started') started(event.run.runId);
      ctx.emit(event);
    },
    onTrace: (trace, whole) => ctx.onTrace(trace, whole),
  }).then(
    () => undefined,
    // Once started, the tracer has ended its run as failed itself; before, this is startRun's answer.
    (error: unknown) => failedToStart(new UserError(userMessage(error))),
  );
  return {
    started: startedRun,
    session: () => null,
    stop: async () => {
      abort.abort();
      await ended;
    },
    ended,
  };
}
