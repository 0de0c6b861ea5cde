import { RunParamsSchema, type BridgeEvent, type Machine, type RunParams, type Trace } from '../../shared';
import type { ProcessHost } from '../engine/hosts/process-host';
import type { Engine, Session } from '../engine/session-api';
import type { Preset, PresetContext } from '../presets';

/** What the host adds to every preset's context: where the built thread entry is, and its process host. */
export type PresetExtras = Pick<PresetContext, 'threadEntry' | 'durationS'> & Partial<Pick<PresetContext, 'processHost'>>;

/** Stands in when a host gave no process host: a lab process then fails with this sentence, never with a fork the host cannot do. */
const NO_PROCESS_HOST: ProcessHost = {
  name: 'none',
  fork() {
    throw new Error('this host gave the presets no process host, so lab processes cannot start');
  },
};
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

/** How long startRun waits for a preset's first session before answering with the preset's own run id. */
export const PRESET_FIRST_RUN_WAIT_MS = 500;

/**
 * Runs a preset. The preset gets an engine whose sessions the bridge follows,
 * so the timeline shows each of its runs live; the last run's run-ended
 * carries the preset's verdict. A preset that measures without sessions
 * (message cost, races, pools) is announced as a run of its own id, so the
 * page shows it going on and gets its verdict at the end.
 */
export async function startPresetRun(ctx: RunContext, preset: Preset, extra: PresetExtras = {}): Promise<ActiveRun> {
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

  const ownRunId = `${scenarioId}-${Date.now().toString(36)}`;
  let ownRunAnnounced = false;
  const announceOwnRun = (): void => {
    if (ownRunAnnounced) return;
    ownRunAnnounced = true;
    // Scenario params are validated (the registry test); announcing defaults instead would name params the run never used.
    const params = RunParamsSchema.parse(preset.scenario.params);
    emit({
      type: 'run-started',
      run: { runId: ownRunId, scenarioId, params, startedAt: new Date().toISOString(), wallMs: 0 },
      machine: ctx.machine,
    });
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

  const ended = preset
    .run({ ...extra, processHost: extra.processHost ?? NO_PROCESS_HOST, engine, signal: abort.signal, onEvent: (event) => (fromSessions.has(event) ? undefined : emit(event)) })
    .then(
      async (result) => {
        await Promise.all(followed);
        const trace = result.traces.at(-1) ?? lastTrace;
        if (trace) ctx.onTrace({ ...trace, verdict: result.verdict });
        const held = heldRunEnded as RunEndedEvent | null;
        heldRunEnded = null;
        if (!held) announceOwnRun();
        emit({
          type: 'run-ended',
          runId: held?.runId ?? ownRunId,
          reason: abort.signal.aborted ? 'stopped' : (held?.reason ?? 'finished'),
          metrics: held?.metrics ?? trace?.metrics ?? null,
          verdict: result.verdict,
        });
        firstRunId(ownRunId);
      },
      async (error: unknown) => {
        await Promise.all(followed);
        if (lastTrace) ctx.onTrace(lastTrace);
        const stopped = abort.signal.aborted;
        const held = heldRunEnded as RunEndedEvent | null;
        heldRunEnded = null;
        const runId = held?.runId ?? (ownRunAnnounced ? ownRunId : null);
        if (runId === null) return failedBeforeFirstRun(error); // startRun itself fails with the message
        if (!stopped) emit({ type: 'error', message: `${preset.scenario.title} failed: ${userMessage(error)}`, runId });
        emit({ ...(held ?? { type: 'run-ended', runId, metrics: null }), reason: stopped ? 'stopped' : 'failed' });
      },
    );

  const waited = await Promise.race([runIdKnown, new Promise<null>((r) => setTimeout(() => r(null), PRESET_FIRST_RUN_WAIT_MS))]);
  let runId = waited;
  if (runId === null) {
    announceOwnRun();
    runId = ownRunId;
  }
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
