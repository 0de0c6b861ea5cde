import { randomUUID } from 'node:crypto';
import { cleanOldSpills, SPILL_KEEP_DAYS } from '../files/spill-cleanup';
import { RunParamsSchema, type Disposer, type Machine, type RunParams } from '../../shared';
import { RunRecording, type RunObserver } from './recording';
import { findKind, kindAvailability } from './kinds/registry';
import { readMachine } from '../platform';
import { findPython, pythonRuntimes } from '../python';
import { createSampler, type Sampler, type SamplerOptions } from './sampling';
import type { Engine, EngineOptions, Measurement, Session } from './session-api';
import { startSession } from './session/session';
import { workerCapRefusal } from './session/worker-caps';
import type { SessionTiming } from './session/timing';

/** Turns a zod failure into one line naming the field and the problem. */
export function describeParamsError(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .map((i) => {
      const field = i.path.map(String).join('.');
      return field && !i.message.includes(field) ? `${field}: ${i.message}` : i.message;
    })
    .join('; ');
}

/** Validates run parameters; throws an Error whose message is one readable line. */
export function parseRunParams(input: Partial<RunParams>): RunParams {
  const parsed = RunParamsSchema.safeParse(input);
  if (!parsed.success) throw new Error(`invalid run parameters: ${describeParamsError(parsed.error)}`);
  return parsed.data;
}

/** What tests and benches change in an engine. */
export interface CreateEngineExtras {
  /** Supervision timing (tests shorten the hang grace). */
  timing?: Partial<SessionTiming>;
  /** Replaces the /proc sampler (the observer-effect bench runs without one to compare). */
  samplerFactory?: (options: SamplerOptions) => Promise<Sampler>;
}

/** Every observer hears every event; one that throws is logged and does not stop the others. */
function observers(): { fanOut: RunObserver; add(observer: RunObserver): Disposer } {
  const all = new Set<RunObserver>();
  const each = (what: string, call: (o: RunObserver) => void): void => {
    for (const o of [...all]) {
      try {
        call(o);
      } catch (error) {
        console.error(`engine: an observer threw on ${what}: ${String(error)}`);
      }
    }
  };
  return {
    fanOut: { onEvent: (event) => each(event.type, (o) => o.onEvent(event)), onTrace: (trace, whole) => each('trace', (o) => o.onTrace?.(trace, whole)) },
    add(observer) {
      const entry = { ...observer };
      all.add(entry);
      return () => all.delete(entry);
    },
  };
}

/** A measurement's run: announced at once, ended by the preset's runner; nothing of its own is recorded. */
function measurementRun(recording: RunRecording): Measurement {
  return { runId: recording.runId, end: (reason) => recording.close(reason), fail: (error, what) => recording.fail(error, what) };
}

/**
 * The engine: starts sessions (runs) with the front end's entry files and process
 * launcher, and ends them all on dispose. Several sessions may run at once; the
 * caller decides whether to allow it. It is the one owner of a run's start
 * and end: its observers hear every run from run-started to run-ended.
 */
export function createEngine(options: EngineOptions & CreateEngineExtras): Engine {
  const sessions = new Set<Session>();
  const watchers = observers();
  // The app's own spill folder: spill files of runs finished long ago go (the OS temp folder is never swept).
  if (options.spillDir) for (const folder of cleanOldSpills(options.spillDir)) console.error(`engine: removed the spill folder ${folder}: older than ${SPILL_KEEP_DAYS} days`);
  let machine: Machine | null = null;
  // Interpreters are probed on the first machine() call (it starts processes), then named in every run's machine record.
  let pythons: Record<string, string> = {};
  let pythonsProbed: Promise<void> | null = null;
  const machineNow = (): Machine => {
    machine ??= readMachine();
    return { ...machine, runtimes: { ...machine.runtimes, ...pythons } };
  };

  return {
    machine: async () => {
      // Only python3, the interpreter the python kinds run: versioned names (often pyenv shims) cost seconds each.
      pythonsProbed ??= findPython('python3')
        .then((p) => void (pythons = pythonRuntimes([p])))
        .catch(() => undefined);
      await pythonsProbed;
      return machineNow();
    },
    async startRun(input, scenarioId = null, storage) {
      const params = parseRunParams(input);
      const refused = workerCapRefusal({ started: 0, live: 0, adding: params.workers }, params);
      if (refused) throw new Error(`cannot start the run: ${refused}`);
      const availability = await kindAvailability(params.kind);
      if (!availability.available) throw new Error(`kind '${params.kind}' is not available here: ${availability.reason ?? 'no reason given'}`);
      const session = await startSession({
        runId: randomUUID().slice(0, 8),
        scenarioId,
        params,
        machine: machineNow(),
        options,
        findKind,
        createSampler: options.samplerFactory ?? createSampler,
        timing: options.timing,
        observer: watchers.fanOut,
        storage: options.spillDir && !storage?.spillDir ? { ...storage, spillDir: options.spillDir } : storage,
      });
      sessions.add(session);
      void session.done.finally(() => sessions.delete(session)).catch(() => undefined);
      return session;
    },
    startMeasurement(scenarioId, params) {
      const runId = `${scenarioId}-${Date.now().toString(36)}`;
      return measurementRun(new RunRecording({ runId, scenarioId, params: parseRunParams(params), machine: machineNow(), observer: watchers.fanOut }));
    },
    observe: (observer) => watchers.add(observer),
    async dispose() {
      await Promise.allSettled([...sessions].map((s) => s.stop()));
      sessions.clear();
    },
  };
}
