import { createInterface } from 'node:readline';
import type { BridgeEvent, Machine, Marker, Task, Trace } from '../../shared';
import { TRACE_FORMAT, TRACE_VERSION, runCommandOf, type RunInfo } from '../../shared';
import { monoMs } from '../../workers/runtime/clock';
import { computeMetrics } from '../engine/recording/compute-metrics';
import { TraceRecorder } from '../engine/recording/trace-recorder';
import { createSampler } from '../engine/sampling/create-sampler';
import { readMachine } from '../platform';
import { parseLabLine } from '../engine/kinds/python-host';
import { GilWaitInference, applyInferredGilWait, sleepsOnFutex, wokeSince, type ThreadObservation } from './gil-inference';
import { exeOf, processTree, sleepSite, threadStat, threadsOf, timeslices } from './proc-tree';
import { killTree, spawnTraced } from './spawn-tree';
import { pythonFlavour, tracedKind, tracedTaskId } from './task-naming';

export interface TraceCommandOptions {
  argv: string[];
  samplerEntry: string;
  /** Sampler interval, ms. */
  intervalMs: number;
  /** How often the process tree is re-read for new and gone threads, ms. */
  discoverEveryMs?: number;
  /** Stop (and kill the tree) after this long; null = when the command ends. */
  maxDurationS?: number | null;
  /** Where the command's stdout goes (each line, without newline). */
  onOutput?: (line: string) => void;
  onEvent?: (event: BridgeEvent) => void;
  signal?: AbortSignal;
}

export interface TraceCommandResult {
  trace: Trace;
  exitCode: number | null;
  exitSignal: string | null;
  /** Number of inferred GIL-wait intervals and their total ms. */
  inferredGilWaits: number;
  inferredGilWaitMs: number;
}

/** Each traced task costs the sampler two reads per sample; past this a program is a fork bomb to us. */
export const MAX_TRACED_TASKS = 512;

interface Known {
  taskId: string;
  pid: number;
  tid: number;
  gone: boolean;
}

/**
 * `corelanes trace -- <command...>`: runs any command, follows its whole
 * process tree and every thread as they come and go, samples them with the
 * same sampler as Corelanes' own workers, and returns the same kind of trace.
 */
export async function traceCommand(o: TraceCommandOptions): Promise<TraceCommandResult> {
  const machine: Machine = readMachine();
  const runStartMono = monoMs();
  const startedAt = new Date().toISOString();
  const rel = () => Math.max(0, monoMs() - runStartMono);
  const recorder = new TraceRecorder();
  const emit = (e: BridgeEvent) => o.onEvent?.(e);
  // A command has no kind, workload or worker count: the run says what ran instead of made-up params.
  const command = runCommandOf(o.argv, o.intervalMs);
  const runId = `trace-${Math.random().toString(36).slice(2, 8)}`;
  const runInfo = (wallMs: number): RunInfo => ({ runId, scenarioId: 'trace', params: null, command, startedAt, wallMs });
  const mark = (m: Marker) => {
    recorder.addMarkers([m]);
    emit({ type: 'markers', runId, markers: [m] });
  };
  const putTask = (t: Task) => {
    recorder.putTask(t);
    emit({ type: 'task', task: t });
  };

  const sampler = await createSampler({ samplerEntry: o.samplerEntry, intervalMs: o.intervalMs, runStartMono });
  const offBatch = sampler.onBatch((b) => {
    recorder.addBatch(b);
    if (b.segments.length) emit({ type: 'segments', runId, segments: b.segments });
  });
  emit({ type: 'run-started', run: runInfo(0), machine });

  let child: ReturnType<typeof spawnTraced>;
  try {
    child = spawnTraced(o.argv);
  } catch (e) {
    await sampler.stop().catch(() => undefined);
    throw e;
  }
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const root = child.pid;
  if (root === undefined) {
    const e = await spawnError;
    await sampler.stop().catch(() => undefined);
    throw new Error(`cannot run ${o.argv[0]}: ${e.message}`);
  }
  mark({ tMs: rel(), kind: 'annotation', taskId: null, text: `traced command: ${o.argv.join(' ')}`.slice(0, 2000) });

  // Lines the command prints; lab programs name their threads (JSON "hello" lines).
  const labels = new Map<number, string>();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const e = parseLabLine(line);
    if (e?.ev === 'hello') {
      labels.set(e.tid, e.key);
      const known = byKey.get(`${e.pid}/${e.tid}`);
      const task = known && recorder.getTask(known.taskId);
      if (task) putTask({ ...task, label: `${task.label} ${e.key}` });
    }
    o.onOutput?.(line);
  });

  const byKey = new Map<string, Known>();
  let capped = false;
  const gilPids = new Set<number>();
  const pythonPids = new Set<number>();
  const seenPids = new Set<number>();
  const commOf = new Map<number, string>();
  const lastSlices = new Map<string, number>();
  const inference = new GilWaitInference();

  const discover = () => {
    const t = rel();
    const live = new Set<string>();
    const observations: ThreadObservation[] = [];
    for (const pid of processTree(root)) {
      const mainStat = threadStat(pid, pid);
      seenPids.add(pid);
      // A process may exec into another program (a pyenv shim becomes python3): re-check on a new name.
      if (mainStat && commOf.get(pid) !== mainStat.comm) {
        commOf.set(pid, mainStat.comm);
        const flavour = pythonFlavour(exeOf(pid), mainStat.comm);
        if (flavour.python) pythonPids.add(pid);
        else pythonPids.delete(pid);
        if (flavour.python && !flavour.freeThreaded) gilPids.add(pid);
        else gilPids.delete(pid);
        for (const k of byKey.values()) {
          if (k.pid !== pid || k.gone) continue;
          const task = recorder.getTask(k.taskId);
          if (task) putTask({ ...task, kind: tracedKind(pid, k.tid, flavour.python), label: `${mainStat.comm} ${k.tid === pid ? `pid ${pid}` : `tid ${k.tid}`}` });
        }
      }
      for (const tid of threadsOf(pid)) {
        const key = `${pid}/${tid}`;
        const st = tid === pid ? mainStat : threadStat(pid, tid);
        if (!st || st.state === 'Z') continue;
        live.add(key);
        let k = byKey.get(key);
        if (!k && byKey.size >= MAX_TRACED_TASKS) {
          if (!capped) {
            capped = true;
            mark({ tMs: t, kind: 'error', taskId: null, text: `more than ${MAX_TRACED_TASKS} threads and processes: the rest are not traced` });
          }
          continue;
        }
        if (!k) {
          k = { taskId: tracedTaskId(pid, tid), pid, tid, gone: false };
          byKey.set(key, k);
          const parentPid = tid === pid ? (mainStat?.ppid ?? null) : pid;
          const parentId = parentPid !== null && seenPids.has(parentPid) ? tracedTaskId(parentPid, parentPid) : null;
          const label = `${st.comm} ${tid === pid ? `pid ${pid}` : `tid ${tid}`}${labels.has(tid) ? ` ${labels.get(tid)}` : ''}`;
          putTask({
            id: k.taskId,
            kind: tracedKind(pid, tid, pythonPids.has(pid)),
            label,
            pid,
            tid,
            addressSpace: pid,
            parentId: parentId === k.taskId ? null : parentId,
            workload: null,
            requestedMs: t,
            startedMs: t,
            exitMs: null,
            exitReason: null,
            exitDetail: null,
          });
          mark({ tMs: t, kind: 'spawn', taskId: k.taskId, text: `discovered ${tid === pid ? 'process' : 'thread'} ${pid}/${tid}` });
          sampler.track({ taskId: k.taskId, pid, tid });
        }
        if (gilPids.has(pid)) {
          const woke = wokeSince(lastSlices, k.taskId, timeslices(pid, tid));
          observations.push({ taskId: k.taskId, pid, state: st.state, futex: st.state === 'S' && sleepsOnFutex(sleepSite(pid, tid)), woke });
        }
      }
    }
    inference.observe(t, observations, gilPids);
    for (const [key, k] of byKey) {
      if (k.gone || live.has(key)) continue;
      k.gone = true;
      sampler.untrack(k.taskId);
      const task = recorder.getTask(k.taskId);
      if (task) putTask({ ...task, exitMs: t, exitReason: 'exited' });
      mark({ tMs: t, kind: 'exit', taskId: k.taskId, text: null });
    }
  };

  discover();
  const timer = setInterval(discover, o.discoverEveryMs ?? 20);
  let stoppedBy: string | null = null;
  const stop = (why: string) => {
    if (stoppedBy) return;
    stoppedBy = why;
    void killTree(root, seenPids);
  };
  const onAbort = () => stop('stopped');
  o.signal?.addEventListener('abort', onAbort, { once: true });
  const limit = o.maxDurationS ? setTimeout(() => stop('time limit'), o.maxDurationS * 1000) : null;

  const exit = await Promise.race([exited, spawnError.then((e) => ({ code: null, signal: null, error: e }))]);
  if ('error' in exit) {
    clearInterval(timer);
    if (limit) clearTimeout(limit);
    await sampler.stop().catch(() => undefined);
    throw new Error(`cannot run ${o.argv[0]}: ${exit.error.message}`);
  }
  // The command is done: whatever it left running would be an orphan. End it.
  discover();
  const leftovers = processTree(root).filter((p) => p !== root);
  if (leftovers.length) {
    mark({ tMs: rel(), kind: 'annotation', taskId: null, text: `ended ${leftovers.length} process(es) the command left running` });
    await killTree(root, leftovers, 500);
  }
  clearInterval(timer);
  if (limit) clearTimeout(limit);
  o.signal?.removeEventListener('abort', onAbort);
  const endMs = rel();
  discover();
  for (const k of byKey.values()) {
    if (!k.gone) {
      k.gone = true;
      sampler.untrack(k.taskId);
      const task = recorder.getTask(k.taskId);
      if (task) putTask({ ...task, exitMs: endMs, exitReason: stoppedBy ? 'killed' : 'exited' });
    }
  }
  const rootTask = recorder.getTask(tracedTaskId(root, root));
  if (rootTask) putTask({ ...rootTask, exitDetail: exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}` });
  let stats = null;
  try {
    stats = await sampler.stop();
  } catch (e) {
    mark({ tMs: endMs, kind: 'error', taskId: null, text: String(e instanceof Error ? e.message : e) });
  }
  offBatch();

  const snap = recorder.snapshot();
  const intervals = inference.finish(endMs);
  const segments = applyInferredGilWait(snap.segments, intervals);
  const metrics = computeMetrics({ tasks: snap.tasks, segments, wallMs: endMs, logicalCores: machine.logicalCores, sampler: stats });
  const trace: Trace = {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    machine,
    run: runInfo(endMs),
    tasks: snap.tasks,
    segments,
    markers: snap.markers,
    memory: snap.memory,
    annotations: [],
    metrics,
  };
  emit({ type: 'run-ended', runId, reason: stoppedBy ? 'stopped' : 'finished', metrics });
  const inferredMs = segments.filter((s) => s.inferred).reduce((a, s) => a + (s.endMs - s.startMs), 0);
  return { trace, exitCode: exit.code, exitSignal: exit.signal, inferredGilWaits: intervals.length, inferredGilWaitMs: inferredMs };
}
