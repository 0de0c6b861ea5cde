import type { BridgeEvent, Machine, RunParams, Trace } from '../../shared';
import type { Engine, Session } from '../engine/session-api';
import type { Preset } from '../presets';
import { followSession, type RunEndedEvent } from './follow-session';
import { userMessage } from './messages';

/** The one run the bridge drives: a plain session, or a preset that makes several sessions in turn. */
export interface ActiveRun {
  readonly runId: string;
  /** The session going on now (null between a preset's runs). */
  session(): Session | null;
  /** Ends the run and every process of it; resolves when they are gone. */
  stop(): Promise<void>;
  /** Settles when the run is over (finished, stopped or failed); never rejects. */
  readonly ended: Promise<void>;
}

export interface RunContext {
  engine: Engine;
  machine: Machine;
  emit(event: BridgeEvent): void;
  onTrace(trace: Trace): void;
}

export async function startPlainRun(ctx: RunContext, params: Partial<RunParams>, scenarioId: string | null): Promise<ActiveRun> {
  const session = await ctx.engine.startRun(params, scenarioId);
  const ended = followSession(session, { scenarioId, machine: ctx.machine, emit: ctx.emit, onTrace: ctx.onTrace });
  let live = true;
  void ended.then(() => (live = false));
  return {
    runId: session.runId,
    session: () => (live ? session : null),
    stop: async () => {
      await session.stop().catch(() => undefined); // a failed run reports itself through followSession
      await ended;
    },
    ended,
  };
}

/**
 * Runs a preset. The preset gets an engine whose sessions the bridge follows,
 * so the timeline shows each of its runs live; the last run's run-ended
 * carries the preset's verdict.
 */
export async function startPresetRun(ctx: RunContext, preset: Preset): Promise<ActiveRun> {
  const abort = new AbortController();
  const scenarioId = preset.scenario.id;
  // Events of the sessions the bridge follows itself; the preset may pass the same objects to onEvent.
  const fromSessions = new WeakSet<object>();
  const emit = (event: BridgeEvent): void => ctx.emit(event);
  let current: Session | null = null;
  let heldRunEnded: RunEndedEvent | null = null;
  let lastTrace: Trace | null = null;
  const followed: Promise<void>[] = [];
  const flushHeld = (): void => {
    if (heldRunEnded) emit(heldRunEnded);
    heldRunEnded = null;
  };

  let firstRunId: (id: string) => void = () => undefined;
  let failedBeforeFirstRun: (error: unknown) => void = () => undefined;
  const runIdKnown = new Promise<string>((resolve, reject) => {
    firstRunId = resolve;
    failedBeforeFirstRun = reject;
  });

  const engine: Engine = {
    machine: () => ctx.engine.machine(),
    startRun: async (params, id) => {
      if (abort.signal.aborted) throw new Error('the preset was stopped');
      const session = await ctx.engine.startRun(params, id ?? scenarioId);
      session.subscribe((event) => fromSessions.add(event));
      flushHeld();
      current = session;
      firstRunId(session.runId);
      followed.push(
        followSession(session, {
          scenarioId,
          machine: ctx.machine,
          emit,
          onRunEnded: (event) => {
            flushHeld();
            heldRunEnded = event;
          },
          onTrace: (trace) => (lastTrace = trace),
        }).then(() => {
          if (current === session) current = null;
        }),
      );
      return session;
    },
    // The bridge owns the engine: a preset cannot dispose it.
    dispose: async () => undefined,
  };

  const syntheticRunId = `${scenarioId}-${Date.now().toString(36)}`;
  const ended = preset
    .run({ engine, signal: abort.signal, onEvent: (event) => (fromSessions.has(event) ? undefined : emit(event)) })
    .then(
      async (result) => {
        await Promise.all(followed);
        const trace = result.traces.at(-1) ?? lastTrace;
        if (trace) ctx.onTrace({ ...trace, verdict: result.verdict });
        const held = heldRunEnded as RunEndedEvent | null;
        heldRunEnded = null;
        emit({
          type: 'run-ended',
          runId: held?.runId ?? trace?.run.runId ?? syntheticRunId,
          reason: abort.signal.aborted ? 'stopped' : (held?.reason ?? 'finished'),
          metrics: held?.metrics ?? trace?.metrics ?? null,
          verdict: result.verdict,
        });
        firstRunId(syntheticRunId);
      },
      async (error: unknown) => {
        failedBeforeFirstRun(error);
        await Promise.all(followed);
        if (lastTrace) ctx.onTrace(lastTrace);
        const stopped = abort.signal.aborted;
        const held = heldRunEnded as RunEndedEvent | null;
        heldRunEnded = null;
        if (!stopped && followed.length > 0) emit({ type: 'error', message: `${preset.scenario.title} failed: ${userMessage(error)}`, runId: held?.runId ?? null });
        if (held) emit({ ...held, reason: stopped ? 'stopped' : held.reason === 'finished' ? 'failed' : held.reason });
      },
    );

  const runId = await runIdKnown;
  return {
    runId,
    session: () => current,
    stop: async () => {
      abort.abort();
      const session = current as Session | null;
      if (session) await session.stop().catch(() => undefined);
      await ended;
    },
    ended,
  };
}
