import type { Machine, RunParams, Trace, WorkerKind } from '../../../shared';
import { monoMs } from '../../../node/clock';
import type { EngineOptions, Session } from '../session-api';
import type { Sampler, SamplerOptions } from '../sampling/sampler-api';
import type { KindDefinition } from '../kinds/kind-driver';
import { RunRecording, type RunObserver, type RunStorage } from '../recording';
import { appTask } from './app-task';
import { endSession } from './end-session';
import { RunTimers } from './run-timers';
import { liveWorkers, type SessionState } from './session-state';
import { spawnBatchBound } from './spawn-batch';
import { spawnInitialWorkers } from './spawn-phase';
import { spawnWorker } from './spawn-worker';
import { DEFAULT_TIMING, type SessionTiming } from './timing';
import { startWatchdog } from './watchdog';
import { stopWorker } from './worker-exits';
import { workerCapRefusal } from './worker-caps';

export interface SessionDeps {
  runId: string;
  scenarioId: string | null;
  params: RunParams;
  machine: Machine;
  options: EngineOptions;
  findKind: (kind: WorkerKind) => KindDefinition | undefined;
  createSampler: (options: SamplerOptions) => Promise<Sampler>;
  timing?: Partial<SessionTiming>;
  /** Hears the run from its run-started on. */
  observer?: RunObserver;
  /** Where the trace streams while the run goes on (a file given, or a spill file past the memory window). */
  storage?: RunStorage;
}

/** The app's own threads are tasks of the trace too: the main thread and the sampler. */
function trackAppThreads(run: RunRecording, sampler: Sampler): void {
  run.putTask(appTask('main', 'main', 'main thread', process.pid));
  sampler.track({ taskId: 'main', pid: process.pid, tid: process.pid });
  if (sampler.tid === null) return;
  run.putTask(appTask('sampler', 'sampler', 'sampler thread', sampler.tid));
  sampler.track({ taskId: 'sampler', pid: process.pid, tid: sampler.tid });
}

/**
 * Runs N workers of one kind under the sampler, supervises them (hello,
 * heartbeats, hangs, crashes), records every spawn, exit, crash and message
 * as a marker, streams bridge events, and ends with the Trace. The parts:
 * worker-protocol (messages), worker-exits (exits, hangs, stops),
 * extra-tasks (discovery), watchdog, run-timers (progress, live metrics,
 * duration) and end-session, over the run-recording core.
 */
export async function startSession(deps: SessionDeps): Promise<Session> {
  const { runId, params, options } = deps;
  const timing: SessionTiming = { ...DEFAULT_TIMING, ...deps.timing };
  const runStartMono = monoMs();
  const sampler = await deps.createSampler({ samplerEntry: options.entries.sampler, intervalMs: params.intervalMs, runStartMono, source: params.source });
  // A write that fails (a full disk) stops the run; its end then fails with the error, which names the file.
  let stopForStorage = (): void => undefined;
  let run: RunRecording;
  try {
    run = new RunRecording({ runId, scenarioId: deps.scenarioId, params, machine: deps.machine, runStartMono, observer: deps.observer, storage: deps.storage, onStorageError: () => stopForStorage() });
  } catch (error) {
    await sampler.stop().catch(() => undefined);
    throw error;
  }
  const offBatch = run.attach(sampler);
  run.announceSource(sampler, params.intervalMs, params.source);
  trackAppThreads(run, sampler);

  let resolveDone!: (trace: Trace) => void;
  let rejectDone!: (error: Error) => void;
  const done = new Promise<Trace>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  done.catch(() => undefined);

  const s: SessionState = {
    runId,
    params,
    timing,
    run,
    sampler,
    workers: new Map(),
    drivers: new Map(),
    driverContext: { params, entries: options.entries, launcher: options.launcher, runStartMono },
    findKind: deps.findKind,
    ending: null,
    stoppedByUser: false,
    nextIndex: 0,
    pendingSpawns: 0,
    spawnPhaseOver: null,
    end: (reason) => {
      if (s.ending) return s.ending;
      s.stoppedByUser = reason === 'stopped';
      s.ending = endSession(s, timers, stopWatchdog, offBatch);
      s.ending.then(resolveDone, (error: unknown) => {
        run.fail(error);
        rejectDone(error instanceof Error ? error : new Error(String(error)));
      });
      return s.ending;
    },
  };
  stopForStorage = () => void s.end('stopped');
  const stopWatchdog = startWatchdog(s);
  const timers = new RunTimers(s);

  try {
    timers.armWhenUp(spawnInitialWorkers(s, params.workers, timing.spawnBatch ?? spawnBatchBound(deps.machine.logicalCores)));
  } catch (error) {
    void s.end('stopped');
    throw error;
  }
  return sessionApi(s, deps, done);
}

/** The Session a caller holds: add and remove workers, stop, subscribe, misbehave (tests). */
function sessionApi(s: SessionState, deps: SessionDeps, done: Promise<Trace>): Session {
  const { run } = s;
  return {
    runId: s.runId,
    params: s.params,
    done,
    async addWorker(kind?: WorkerKind | null) {
      if (s.ending) throw new Error('the run has ended; start a new one');
      const wanted = kind ?? s.params.kind;
      const availability = await deps.findKind(wanted)?.availability();
      if (availability && !availability.available) throw new Error(`kind '${wanted}' is not available here: ${availability.reason ?? 'no reason given'}`);
      // Checked after the await, right before spawning: calls made together each see the ones before them.
      if (s.ending) throw new Error('the run has ended; start a new one');
      const refused = workerCapRefusal({ started: s.nextIndex + s.pendingSpawns, live: liveWorkers(s).length + s.pendingSpawns, adding: 1 }, s.params);
      if (refused) throw new Error(`cannot add a worker: ${refused}`);
      return spawnWorker(s, wanted);
    },
    async removeWorker(taskId?: string | null) {
      const candidates = liveWorkers(s).filter((w) => !w.removed);
      const w = taskId ? candidates.find((c) => c.taskId === taskId) : candidates.at(-1);
      if (!w) return null;
      w.removed = true;
      run.mark({ tMs: run.relMs(), kind: 'message-sent', taskId: w.taskId, text: 'stop (remove)' });
      await stopWorker(s, w);
      return w.taskId;
    },
    stop: () => s.end('stopped'),
    subscribe: (listener) => run.subscribe(listener),
    misbehave(taskId, how) {
      const w = s.workers.get(taskId);
      if (!w || w.gone) throw new Error(`no live worker '${taskId}'`);
      run.mark({ tMs: run.relMs(), kind: 'message-sent', taskId, text: `misbehave: ${how}` });
      w.handle?.post({ type: 'misbehave', how });
    },
  };
}
