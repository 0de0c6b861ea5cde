import type { FromWorker, Machine, Metrics, RunParams, SamplerStats, Segment, Task, Trace, WorkerKind } from '../../../shared';
import { FromWorkerSchema } from '../../../shared';
import { monoMs } from '../../../node/clock';
import type { EngineOptions, Session } from '../session-api';
import type { Sampler, SamplerOptions } from '../sampling/sampler-api';
import type { KindDefinition, KindDriver, WorkerExit } from '../kinds/kind-driver';
import { RunRecording, type RunObserver } from '../recording';
import { describeExit, decideExitReason, isCrash } from './exit-reason';
import { hostTask } from './host-task';
import { DEFAULT_TIMING, type SessionTiming } from './timing';
import { newWorkerRecord, type WorkerRecord } from './worker-record';

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
}

/**
 * Runs N workers of one kind under the sampler, supervises them (hello,
 * heartbeats, hangs, crashes), records every spawn, exit, crash and message
 * as a marker, streams bridge events, and ends with the Trace.
 */
export async function startSession(deps: SessionDeps): Promise<Session> {
  const { runId, params, options } = deps;
  const timing: SessionTiming = { ...DEFAULT_TIMING, ...deps.timing };
  const runStartMono = monoMs();
  const durationMs = params.durationS * 1000;
  const workers = new Map<string, WorkerRecord>();
  const drivers = new Map<WorkerKind, KindDriver>();
  let nextIndex = 0;
  let ending: Promise<Trace> | null = null;
  let stoppedByUser = false;
  let resolveDone!: (trace: Trace) => void;
  let rejectDone!: (error: Error) => void;
  const done = new Promise<Trace>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  done.catch(() => undefined);

  const HEAP_SAMPLE_MS = 1000;
  const sampler = await deps.createSampler({ samplerEntry: options.entries.sampler, intervalMs: params.intervalMs, runStartMono });
  const run = new RunRecording({ runId, scenarioId: deps.scenarioId, params, machine: deps.machine, runStartMono, observer: deps.observer });
  const relMs = (mono: number) => run.relMs(mono);
  const upsertTask = (task: Task) => run.putTask(task);
  const mark = run.mark.bind(run);
  const recorder = { getTask: (id: string) => run.task(id) };
  const offBatch = run.attach(sampler);

  // The host's own threads are tasks of the trace too: the main thread and the sampler.
  upsertTask(hostTask('main', 'main', 'main thread', process.pid));
  sampler.track({ taskId: 'main', pid: process.pid, tid: process.pid });
  if (sampler.tid !== null) {
    upsertTask(hostTask('sampler', 'sampler', 'sampler thread', sampler.tid));
    sampler.track({ taskId: 'sampler', pid: process.pid, tid: sampler.tid });
  }

  const driverFor = (kind: WorkerKind): KindDriver => {
    const existing = drivers.get(kind);
    if (existing) return existing;
    const def = deps.findKind(kind);
    if (!def) throw new Error(`no driver for kind '${kind}'`);
    const driver = def.create({ params, entries: options.entries, processHost: options.processHost, runStartMono });
    drivers.set(kind, driver);
    return driver;
  };

  const live = () => [...workers.values()].filter((w) => !w.gone);

  const onMessage = (w: WorkerRecord, raw: unknown) => {
    const parsed = FromWorkerSchema.safeParse(raw);
    const now = monoMs();
    if (!parsed.success) {
      mark({ tMs: relMs(now), kind: 'error', taskId: w.taskId, text: `rejected a malformed message from the worker: ${parsed.error.issues[0]?.message ?? 'invalid'}` });
      return;
    }
    w.lastHeardMono = now;
    const message: FromWorker = parsed.data;
    const task = recorder.getTask(w.taskId);
    if (!task) return;
    switch (message.type) {
      case 'hello': {
        w.markHello();
        const startedMs = relMs(message.startedAtMono);
        // The trace keeps an unknown tid unknown; the sampler gets the pid to follow the process at least.
        const tid = message.tid ?? message.pid;
        upsertTask({ ...task, pid: message.pid, tid: message.tid, addressSpace: message.pid, startedMs });
        mark({ tMs: startedMs, kind: 'started', taskId: w.taskId, text: `first instruction ${(startedMs - task.requestedMs).toFixed(1)} ms after the request` });
        sampler.track({ taskId: w.taskId, pid: message.pid, tid, phaseSlot: w.handle?.phaseSlot ?? undefined });
        w.handle?.post({ type: 'start', taskId: w.taskId, params, requestedAtMono: w.requestedAtMono });
        mark({ tMs: relMs(monoMs()), kind: 'message-sent', taskId: w.taskId, text: 'start' });
        if (ending) {
          w.handle?.post({ type: 'stop' });
        }
        return;
      }
      case 'phase':
        sampler.reportPhase(w.taskId, message.phase, message.core, relMs(message.atMono));
        return;
      case 'progress': {
        w.unitsDone = Math.max(w.unitsDone, message.unitsDone);
        const rss = task.addressSpace === null ? undefined : run.rssOf(task.addressSpace);
        if (message.heapBytes !== null && rss !== undefined && task.addressSpace !== null && now - w.lastHeapSampleMono >= HEAP_SAMPLE_MS) {
          w.lastHeapSampleMono = now;
          run.addMemory({ tMs: relMs(now), addressSpace: task.addressSpace, rssBytes: rss, taskId: w.taskId, heapBytes: message.heapBytes });
        }
        return;
      }
      case 'done':
        w.saidDone = true;
        w.unitsDone = Math.max(w.unitsDone, message.unitsDone);
        mark({ tMs: relMs(now), kind: 'message-received', taskId: w.taskId, text: `done: ${message.unitsDone} units` });
        return;
      case 'error':
        w.reportedError = message.message;
        mark({ tMs: relMs(now), kind: 'error', taskId: w.taskId, text: message.message });
        return;
      case 'marker':
        mark({ tMs: relMs(message.atMono), kind: message.kind, taskId: w.taskId, peerTaskId: message.peerTaskId, text: message.text });
        return;
    }
  };

  const onExit = (w: WorkerRecord, exit: WorkerExit) => {
    if (w.gone) return;
    const now = monoMs();
    const reason = decideExitReason(exit, {
      killedAsHung: w.killedAsHung,
      removed: w.removed,
      stoppedByUser,
      saidDone: w.saidDone,
      reportedError: w.reportedError,
    });
    const task = recorder.getTask(w.taskId);
    sampler.untrack(w.taskId);
    for (const [, extraId] of w.extraTasks) endExtra(extraId, now);
    if (task) {
      const detail = `${describeExit(exit, reason, w.reportedError)}${w.hello ? '' : ' before its first instruction'}`.slice(0, 2000);
      upsertTask({ ...task, exitMs: relMs(now), exitReason: reason, exitDetail: detail });
      mark({ tMs: relMs(now), kind: isCrash(reason) ? 'crash' : 'exit', taskId: w.taskId, text: detail });
    }
    for (const d of w.disposers) d();
    w.markGone();
    if (!ending && params.workUnits !== null && live().length === 0 && [...workers.values()].every((x) => x.saidDone)) {
      void end('finished');
    }
  };

  const endExtra = (taskId: string, now: number) => {
    const task = recorder.getTask(taskId);
    if (!task || task.exitMs !== null) return;
    sampler.untrack(taskId);
    upsertTask({ ...task, exitMs: relMs(now), exitReason: 'exited', exitDetail: null });
    mark({ tMs: relMs(now), kind: 'exit', taskId, text: null });
  };

  const spawnWorker = (kind: WorkerKind): string => {
    const index = nextIndex++;
    const taskId = `w${index}`;
    const requestedAtMono = monoMs();
    const w = newWorkerRecord(taskId, index, kind, requestedAtMono);
    workers.set(taskId, w);
    const requestedMs = relMs(requestedAtMono);
    let driver: KindDriver;
    try {
      driver = driverFor(kind);
    } catch (error) {
      workers.delete(taskId);
      throw error;
    }
    upsertTask({
      id: taskId,
      kind: driver.taskKind,
      label: `${kind} ${index}`,
      pid: null,
      tid: null,
      addressSpace: null,
      parentId: null,
      workload: params.workload,
      requestedMs,
      startedMs: null,
      exitMs: null,
      exitReason: null,
      exitDetail: null,
    });
    mark({ tMs: requestedMs, kind: 'spawn', taskId, text: `${kind} requested` });
    try {
      const handle = driver.spawn({ taskId, index, requestedAtMono, phaseSlot: w.phaseSlot });
      w.handle = handle;
      w.disposers.push(handle.onMessage((m) => onMessage(w, m)));
      w.disposers.push(handle.onExit((exit) => onExit(w, exit)));
      if (handle.onExtraTask) {
        w.disposers.push(
          handle.onExtraTask((extra, gone) => {
            const extraId = `${taskId}.${extra.key}`.slice(0, 64);
            if (gone) {
              endExtra(extraId, monoMs());
              return;
            }
            if (recorder.getTask(extraId)) return;
            w.extraTasks.set(extra.key, extraId);
            const tMs = relMs(monoMs());
            upsertTask({ ...hostTask(extraId, extra.kind, extra.label, extra.tid), pid: extra.pid, addressSpace: extra.pid, parentId: taskId, workload: params.workload, requestedMs: tMs, startedMs: tMs });
            mark({ tMs, kind: 'spawn', taskId: extraId, text: `discovered ${extra.kind} ${extra.pid}/${extra.tid}` });
            sampler.track({ taskId: extraId, pid: extra.pid, tid: extra.tid });
          }),
        );
      }
    } catch (error) {
      onExit(w, { code: null, signal: null, error: `could not spawn: ${error instanceof Error ? error.message : String(error)}` });
    }
    return taskId;
  };

  const killAsHung = (w: WorkerRecord) => {
    if (w.gone || w.killedAsHung) return;
    w.killedAsHung = true;
    w.handle?.kill();
    // A kill the host never confirms must not hold the run forever: count it gone.
    const force = setTimeout(() => onExit(w, { code: null, signal: null, error: null }), timing.stopGraceMs);
    w.disposers.push(() => clearTimeout(force));
  };

  /** Asks a worker to stop; kills it as hung if it has not gone within the grace period. */
  const stopWorker = async (w: WorkerRecord): Promise<void> => {
    if (w.gone) return;
    w.handle?.post({ type: 'stop' });
    const timer = setTimeout(() => killAsHung(w), timing.stopGraceMs);
    await w.exited;
    clearTimeout(timer);
  };

  // Watchdog: a running worker that stopped talking is hung: kill it, the others go on.
  const watchdog = setInterval(() => {
    const now = monoMs();
    for (const w of live()) {
      if (now - w.lastHeardMono > (w.hello ? timing.hangGraceMs : timing.spawnGraceMs)) {
        mark({ tMs: relMs(now), kind: 'error', taskId: w.taskId, text: `no sign of life for ${Math.round(now - w.lastHeardMono)} ms: killed as hung` });
        killAsHung(w);
      }
    }
  }, Math.min(250, timing.hangGraceMs / 4));
  // Progress counts the workload's time: it starts when the duration is armed (workers up).
  let durationArmedMono: number | null = null;
  const elapsedMs = () => (durationArmedMono === null ? 0 : Math.min(durationMs, monoMs() - durationArmedMono));
  const progressTimer = setInterval(() => {
    run.emit({ type: 'progress', runId, elapsedMs: elapsedMs(), durationMs });
  }, timing.progressMs);
  // Live metrics walk every segment so far: on a long, busy run that grows, so the
  // next computation waits 50x as long as the last one took (<= 2% of the main thread).
  let metricsTimer: ReturnType<typeof setTimeout> | null = null;
  const scheduleLiveMetrics = (delayMs: number) => {
    metricsTimer = setTimeout(() => {
      if (ending) return;
      const t0 = monoMs();
      run.emit({ type: 'metrics', runId, metrics: currentMetrics(undefined, relMs(t0)) });
      scheduleLiveMetrics(Math.max(timing.liveMetricsMs, 50 * (monoMs() - t0)));
    }, delayMs);
  };
  scheduleLiveMetrics(timing.liveMetricsMs);
  // The duration is the workload's: its clock starts once the first workers are up (or gone),
  // so slow spawns do not eat into it; the wall time still counts them.
  let durationTimer: ReturnType<typeof setTimeout> | null = null;
  const initialWorkers: WorkerRecord[] = [];
  const armDuration = () => {
    if (durationTimer || ending) return;
    if (initialWorkers.some((w) => !w.hello && !w.gone)) return;
    durationArmedMono = monoMs();
    durationTimer = setTimeout(() => void end('finished'), durationMs);
  };

  const unitsDone = () => Object.fromEntries([...workers.values()].map((w) => [w.taskId, w.unitsDone]));
  const currentMetrics = (stats: SamplerStats | null | undefined, wallMs: number): Metrics => run.metrics(wallMs, unitsDone(), stats);

  const end = (reason: 'finished' | 'stopped'): Promise<Trace> => {
    if (ending) return ending;
    stoppedByUser = reason === 'stopped';
    ending = (async () => {
      if (durationTimer) clearTimeout(durationTimer);
      clearInterval(progressTimer);
      if (metricsTimer) clearTimeout(metricsTimer);
      await Promise.all(live().map((w) => stopWorker(w)));
      clearInterval(watchdog);
      for (const d of drivers.values()) d.dispose?.();
      const endMono = monoMs();
      sampler.untrack('main');
      if (sampler.tid !== null) sampler.untrack('sampler');
      let stats: SamplerStats | null = null;
      try {
        stats = await sampler.stop();
      } catch (error) {
        mark({ tMs: relMs(monoMs()), kind: 'error', taskId: 'sampler', text: String(error instanceof Error ? error.message : error) });
      }
      offBatch();
      const wallMs = relMs(endMono);
      for (const id of ['main', 'sampler']) {
        const task = recorder.getTask(id);
        if (task) upsertTask({ ...task, exitMs: wallMs, exitReason: 'finished' });
      }
      run.emit({ type: 'progress', runId, elapsedMs: elapsedMs(), durationMs });
      const inferences = [...drivers.values()].flatMap((d) => (d.inferSegments ? [(segments: Segment[]) => d.inferSegments!(segments)] : []));
      const trace: Trace = run.finish({ reason: stoppedByUser ? 'stopped' : 'finished', stats, wallMs, unitsDone: unitsDone(), inferences });
      resolveDone(trace);
      return trace;
    })();
    ending.catch((error: unknown) => {
      run.fail(error);
      rejectDone(error instanceof Error ? error : new Error(String(error)));
    });
    return ending;
  };

  try {
    for (let i = 0; i < params.workers; i++) {
      const w = workers.get(spawnWorker(params.kind));
      if (w) initialWorkers.push(w);
    }
    for (const w of initialWorkers) void Promise.race([w.exited, w.helloSeen]).then(armDuration);
    armDuration();
  } catch (error) {
    void end('stopped');
    throw error;
  }

  return {
    runId,
    params,
    done,
    async addWorker(kind?: WorkerKind | null) {
      if (ending) throw new Error('the run has ended; start a new one');
      const wanted = kind ?? params.kind;
      const availability = await deps.findKind(wanted)?.availability();
      if (availability && !availability.available) throw new Error(`kind '${wanted}' is not available here: ${availability.reason ?? 'no reason given'}`);
      return spawnWorker(wanted);
    },
    async removeWorker(taskId?: string | null) {
      const candidates = live().filter((w) => !w.removed);
      const w = taskId ? candidates.find((c) => c.taskId === taskId) : candidates.at(-1);
      if (!w) return null;
      w.removed = true;
      mark({ tMs: relMs(monoMs()), kind: 'message-sent', taskId: w.taskId, text: 'stop (remove)' });
      await stopWorker(w);
      return w.taskId;
    },
    stop: () => end('stopped'),
    subscribe(listener) {
      // The host's tasks (and early workers) were announced before anyone could subscribe:
      // replay them first, or a late subscriber drops their segments as unannounced.
      if (!ending) {
        for (const task of run.tasks()) {
          try {
            listener({ type: 'task', task });
          } catch (error) {
            console.error(`session ${runId}: a listener threw: ${String(error)}`);
          }
        }
      }
      return run.subscribe(listener);
    },
    misbehave(taskId, how) {
      const w = workers.get(taskId);
      if (!w || w.gone) throw new Error(`no live worker '${taskId}'`);
      mark({ tMs: relMs(monoMs()), kind: 'message-sent', taskId, text: `misbehave: ${how}` });
      w.handle?.post({ type: 'misbehave', how });
    },
  };
}
