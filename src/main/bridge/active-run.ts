import type { BridgeEvent, RunParams, Trace } from '../../shared';
import type { ProcessLauncher } from '../engine/launchers/process-launcher';
import type { WholeRun } from '../engine/recording';
import type { Engine, Measurement, Session } from '../engine/session-api';
import type { Preset, PresetContext, PresetResult } from '../presets';
import { UserError, userMessage } from './messages';

/** What the front end adds to every preset's context: where the built thread entry is, and its process launcher. */
export type PresetExtras = Pick<PresetContext, 'threadEntry' | 'durationS'> & Partial<Pick<PresetContext, 'launcher'>>;

/** Stands in when a front end gave no launcher: a rig process then fails with this sentence, never with a fork the front end cannot do. */
export const NO_LAUNCHER: ProcessLauncher = {
  name: 'none',
  fork() {
    throw new Error('this front end gave the presets no process launcher, so rig processes cannot start');
  },
};

/**
 * The one run the bridge drives: a plain session, a preset that makes
 * several runs in turn, or a traced command. The bridge never announces or
 * ends a run itself: the engine's runs (and the tracer's) do, and the bridge
 * forwards their events.
 */
export interface ActiveRun {
  /** The id startRun answers with (a preset's first run); rejects, with the reason, when nothing started. */
  readonly started: Promise<string>;
  /** The session going on now (null between a preset's runs, or for a traced command). */
  session(): Session | null;
  /** Ends the run and every process of it; resolves when they are gone. */
  stop(): Promise<void>;
  /** Settles when the run is over (finished, stopped or failed); never rejects. */
  readonly ended: Promise<void>;
}

export interface RunContext {
  engine: Engine;
  /** For what is not a run's lifecycle: a preset's verdict, and why a preset failed between its runs. */
  emit(event: BridgeEvent): void;
  /** `wholeRun`: the run outgrew memory and is whole only in that file (RunObserver.onTrace). */
  onTrace(trace: Trace, wholeRun?: WholeRun | null): void;
}

const ignore = (): void => undefined;

/** A promise settled from outside, once. */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(ignore);
  return { promise, resolve, reject };
}

export function startPlainRun(ctx: RunContext, params: Partial<RunParams>, scenarioId: string | null): ActiveRun {
  const starting = ctx.engine.startRun(params, scenarioId);
  let live: Session | null = null;
  const ended = starting.then(async (session) => {
    live = session;
    await session.done.catch(ignore); // a failed run reports itself (error, run-ended "failed")
    live = null;
  }, ignore);
  return {
    started: starting.then((session) => session.runId),
    session: () => live,
    stop: async () => {
      const session = await starting.catch(() => null);
      await session?.stop().catch(ignore);
      await ended;
    },
    ended,
  };
}

/** The engine a preset sees: its sessions are followed (the current one, the last id); the bridge owns the engine, so it cannot dispose it. */
export function presetEngine(ctx: RunContext, scenarioId: string, signal: AbortSignal, onSession: (session: Session) => void): Engine {
  return {
    machine: () => ctx.engine.machine(),
    observe: (observer) => ctx.engine.observe(observer),
    startMeasurement: (id, params) => ctx.engine.startMeasurement(id, params),
    startRun: async (params, id) => {
      if (signal.aborted) throw new Error('the preset was stopped');
      const session = await ctx.engine.startRun(params, id ?? scenarioId);
      onSession(session);
      return session;
    },
    dispose: async () => undefined,
  };
}

/**
 * Runs a preset. Its sessions are the engine's runs, each announced and ended
 * by the engine; a preset that measures without sessions (producesTrace:
 * false) gets an engine measurement as its run. The verdict goes out in its
 * own event after the last run-ended (none when the preset was stopped), and
 * the last trace keeps it.
 */
export function startPresetRun(ctx: RunContext, preset: Preset, extra: PresetExtras = {}): ActiveRun {
  const abort = new AbortController();
  const { id: scenarioId, title } = preset.scenario;
  const first = deferred<string>();
  let current: Session | null = null;
  let lastRunId: string | null = null;
  const engine = presetEngine(ctx, scenarioId, abort.signal, (session) => {
    current = session;
    lastRunId = session.runId;
    first.resolve(session.runId);
    void session.done.finally(() => (current === session ? (current = null) : null)).catch(ignore);
  });
  const measurement: Measurement | null = preset.scenario.producesTrace === false ? ctx.engine.startMeasurement(scenarioId, preset.scenario.params) : null;
  if (measurement) first.resolve(measurement.runId);

  const finished = (result: PresetResult): void => {
    const aborted = abort.signal.aborted;
    // A preset that made no run at all still ends as one, so its verdict belongs to a run.
    const own = measurement ?? (lastRunId === null ? ctx.engine.startMeasurement(scenarioId, preset.scenario.params) : null);
    own?.end(aborted ? 'stopped' : 'finished');
    const runId = own ? own.runId : (lastRunId as string);
    first.resolve(runId);
    if (aborted) return; // a stopped preset did not finish its measurements: no verdict (as `corelanes run` says too)
    const trace = result.traces.at(-1);
    if (trace) ctx.onTrace({ ...trace, verdict: result.verdict });
    ctx.emit({ type: 'verdict', runId, verdict: result.verdict });
  };
  const failed = (error: unknown): void => {
    const aborted = abort.signal.aborted;
    if (measurement) return aborted ? measurement.end('stopped') : measurement.fail(error, title);
    if (lastRunId === null) return first.reject(new UserError(userMessage(error))); // startRun itself fails with the message
    if (!aborted) ctx.emit({ type: 'error', message: `${title} failed: ${userMessage(error)}`, runId: lastRunId });
  };
  const ended = preset.run({ ...extra, launcher: extra.launcher ?? NO_LAUNCHER, engine, signal: abort.signal }).then(finished, failed);

  return sessionsRun(first.promise, abort, () => current, ended);
}

/** The ActiveRun of a run made of the engine's sessions in turn (a preset, an exercise): stopping aborts it and stops the session going on. */
export function sessionsRun(started: Promise<string>, abort: AbortController, current: () => Session | null, ended: Promise<void>): ActiveRun {
  return {
    started,
    session: current,
    stop: async () => {
      abort.abort();
      await current()?.stop().catch(ignore);
      await ended;
    },
    ended,
  };
}
