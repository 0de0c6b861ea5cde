import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parsePythonEvent, runCommandOf, type Segment, type Trace } from '../../shared';
import { monoMs } from '../../node/clock';
import { processTree } from '../../node/proc/proc-tree';
import { RunRecording, type RecorderLimits, type RunObserver } from '../engine/recording';
import { createSampler } from '../engine/sampling/create-sampler';
import type { Sampler } from '../engine/sampling/sampler-api';
import { readMachine } from '../platform';
import { applyInferredGilWait } from '../python/gil-inference';
import { killTree, spawnTraced } from './spawn-tree';
import { tracedTaskId } from './task-naming';
import { TreeFollower } from './tree-follower';

export { MAX_TRACED_TASKS } from './tree-follower';

export interface TraceCommandOptions extends Partial<RunObserver> {
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
  signal?: AbortSignal;
  /** The recorder's bounds (defaults: as for every run; tests make them small). */
  limits?: RecorderLimits;
}

export interface TraceCommandResult {
  trace: Trace;
  exitCode: number | null;
  exitSignal: string | null;
  /** Number of inferred GIL-wait intervals and their total ms. */
  inferredGilWaits: number;
  inferredGilWaitMs: number;
}

type CommandExit = { code: number | null; signal: string | null };

/** Starts the command; a command that cannot start stops the sampler and throws, before any run is announced. */
async function startCommand(argv: string[], sampler: Sampler): Promise<{ child: ChildProcess; root: number; exited: Promise<CommandExit | { error: Error }> }> {
  let child: ChildProcess;
  try {
    child = spawnTraced(argv);
  } catch (e) {
    await sampler.stop().catch(() => undefined);
    throw e;
  }
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const exited = new Promise<CommandExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  if (child.pid === undefined) {
    const e = await spawnError;
    await sampler.stop().catch(() => undefined);
    throw new Error(`cannot run ${argv[0]}: ${e.message}`);
  }
  return { child, root: child.pid, exited: Promise.race([exited, spawnError.then((error) => ({ error }))]) };
}

/**
 * `corelanes trace -- <command...>`: runs any command, follows its whole
 * process tree and every thread as they come and go, samples them with the
 * same sampler as Corelanes' own workers, and records them with the same
 * run-recording core as a session: same events, same recorder limits (and
 * "dropped" marker), same end sequence.
 */
export async function traceCommand(o: TraceCommandOptions): Promise<TraceCommandResult> {
  const runStartMono = monoMs();
  const sampler = await createSampler({ samplerEntry: o.samplerEntry, intervalMs: o.intervalMs, runStartMono });
  const { child, root, exited } = await startCommand(o.argv, sampler);
  // A command has no kind, workload or worker count: the run says what ran instead of made-up params.
  const run = new RunRecording({
    runId: `trace-${Math.random().toString(36).slice(2, 8)}`,
    scenarioId: 'trace',
    params: null,
    command: runCommandOf(o.argv, o.intervalMs),
    machine: readMachine(),
    runStartMono,
    observer: { onEvent: (e) => o.onEvent?.(e), onTrace: (t) => o.onTrace?.(t) },
    limits: o.limits,
  });
  try {
    return await followCommand(o, run, sampler, child, root, exited);
  } catch (error) {
    run.fail(error, `Tracing ${o.argv[0]}`);
    throw error;
  }
}

async function followCommand(
  o: TraceCommandOptions,
  run: RunRecording,
  sampler: Sampler,
  child: ChildProcess,
  root: number,
  exited: Promise<CommandExit | { error: Error }>,
): Promise<TraceCommandResult> {
  const offBatch = run.attach(sampler);
  run.mark({ tMs: run.relMs(), kind: 'annotation', taskId: null, text: `traced command: ${o.argv.join(' ')}`.slice(0, 2000) });
  const tree = new TreeFollower(run, sampler, root);
  // Lines the command prints; Python worker programs name their threads (JSON "hello" lines).
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const e = parsePythonEvent(line);
    if (e?.ev === 'hello') tree.nameThread(e.pid, e.tid, e.key);
    o.onOutput?.(line);
  });
  tree.look();
  const timer = setInterval(() => tree.look(), o.discoverEveryMs ?? 20);
  let stoppedBy: string | null = null;
  const stop = (why: string) => {
    if (stoppedBy) return;
    stoppedBy = why;
    void killTree(root, tree.seenPids);
  };
  const onAbort = () => stop('stopped');
  o.signal?.addEventListener('abort', onAbort, { once: true });
  const limit = o.maxDurationS ? setTimeout(() => stop('time limit'), o.maxDurationS * 1000) : null;
  const stopWatching = () => {
    clearInterval(timer);
    if (limit) clearTimeout(limit);
    o.signal?.removeEventListener('abort', onAbort);
  };

  const exit = await exited;
  if ('error' in exit) {
    stopWatching();
    await sampler.stop().catch(() => undefined);
    throw new Error(`cannot run ${o.argv[0]}: ${exit.error.message}`);
  }
  // The command is done: whatever it left running would be an orphan. End it.
  tree.look();
  const leftovers = processTree(root).filter((p) => p !== root);
  if (leftovers.length) {
    run.mark({ tMs: run.relMs(), kind: 'annotation', taskId: null, text: `ended ${leftovers.length} process(es) the command left running` });
    await killTree(root, leftovers, 500);
  }
  stopWatching();
  const endMs = run.relMs();
  tree.look();
  tree.endAll(endMs, stoppedBy !== null);
  const rootTask = run.task(tracedTaskId(root, root));
  if (rootTask) run.putTask({ ...rootTask, exitDetail: exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}` });
  let stats = null;
  try {
    stats = await sampler.stop();
  } catch (e) {
    run.mark({ tMs: endMs, kind: 'error', taskId: null, text: String(e instanceof Error ? e.message : e) });
  }
  offBatch();
  const gilWaits = tree.gilWaits(endMs);
  const inferGilWaits = (segments: Segment[]) => applyInferredGilWait(segments, gilWaits);
  const trace = run.finish({ reason: stoppedBy ? 'stopped' : 'finished', stats, wallMs: endMs, inferences: [inferGilWaits] });
  const inferredMs = trace.segments.filter((s) => s.inferred).reduce((a, s) => a + (s.endMs - s.startMs), 0);
  return { trace, exitCode: exit.code, exitSignal: exit.signal, inferredGilWaits: gilWaits.length, inferredGilWaitMs: inferredMs };
}
