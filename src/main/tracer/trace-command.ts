import { createInterface } from 'node:readline';
import { exitText, parsePythonEvent, runCommandOf, type CommandOutcome, type Segment, type SourceChoice, type Trace } from '../../shared';
import { monoMs } from '../../node/clock';
import { RunRecording, type RunObserver, type RunStorage } from '../engine/recording';
import { createSampler } from '../engine/sampling/create-sampler';
import type { Sampler } from '../engine/sampling/sampler-api';
import { readMachine } from '../platform';
import { applyGilWaitsFromStates, applyInferredGilWait } from '../python/gil-inference';
import { gilFactsOf, judgeTracedGil } from '../python/gil-verdict';
import { startLoadMeter } from '../../node/proc/machine-load';
import { OutputTailKeeper } from './output-tail';
import { spawnTraced, workingDirectory, type TracedChild } from './spawn-tree';
import { TracedTree } from './traced-tree';
import { tracedTaskId } from './task-naming';
import { TreeFollower } from './tree-follower';

export { MAX_TRACED_TASKS } from './tree-follower';

export interface TraceCommandOptions extends Partial<RunObserver> {
  argv: string[];
  samplerEntry: string;
  /** Sampler interval, ms. */
  intervalMs: number;
  /** Scheduling source: auto (default: exact where the kernel allows it), exact or proc. */
  source?: SourceChoice;
  /** How often the process tree is re-read for new and gone threads, ms. */
  discoverEveryMs?: number;
  /** Stop (and kill the tree) after this long; null = when the command ends. */
  maxDurationS?: number | null;
  /** Where the command's stdout goes (each line, without newline). */
  onOutput?: (line: string) => void;
  signal?: AbortSignal;
  /** Where the trace streams and how much stays in memory (defaults: as for every run; tests make the window small). */
  storage?: RunStorage;
  /** The program's stdin: 'ignore' unless said (a server has none to give); `corelanes trace` passes its terminal's. */
  stdin?: 'ignore' | 'inherit';
  /** The working directory (relative paths in argv resolve against it); default: ours. */
  cwd?: string;
  /** Where the command's stderr goes, as it comes (its tail is kept in the trace either way). */
  onErrorOutput?: (chunk: Buffer) => void;
}

export interface TraceCommandResult {
  trace: Trace;
  exitCode: number | null;
  exitSignal: string | null;
  /** Number of inferred GIL-wait segments and their total ms. */
  inferredGilWaits: number;
  inferredGilWaitMs: number;
  /** Exit status and output tails, as in trace.run.command.outcome. */
  outcome: CommandOutcome;
}

type CommandExit = { code: number | null; signal: string | null };

/** Starts the command; a command that cannot start stops the sampler and throws, before any run is announced. */
async function startCommand(
  argv: string[],
  sampler: Sampler,
  traced: TracedTree,
  stdin: 'ignore' | 'inherit',
  cwd: string | undefined,
): Promise<{ child: TracedChild; root: number; exited: Promise<CommandExit | { error: Error }> }> {
  let child: TracedChild;
  try {
    child = spawnTraced(argv, { cookie: traced.cookie, stdin, cwd });
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
  traced.started(child.pid);
  return { child, root: child.pid, exited: Promise.race([exited, spawnError.then((error) => ({ error }))]) };
}

/**
 * `corelanes trace -- <command...>`: runs any command, follows its whole
 * process tree and every thread as they come and go, samples them with the
 * same sampler as Corelanes' own workers, and records them with the same
 * run-recording core as a session: same events, same memory window (and
 * spill file past it), same end sequence.
 */
export async function traceCommand(o: TraceCommandOptions): Promise<TraceCommandResult> {
  const runStartMono = monoMs();
  const source = o.source ?? 'auto';
  // Checked before anything starts: a wrong folder is the user's to fix, not a failed run.
  const cwd = workingDirectory(o.cwd);
  // Started before the command, so exact switch records cover it from its birth (inherit).
  const sampler = await createSampler({ samplerEntry: o.samplerEntry, intervalMs: o.intervalMs, runStartMono, source });
  const traced = new TracedTree();
  let started;
  try {
    started = await startCommand(o.argv, sampler, traced, o.stdin ?? 'ignore', cwd);
  } catch (error) {
    traced.endNow();
    throw error;
  }
  const { child, root, exited } = started;
  const output = collectOutput(child, o);
  // A command has no kind, workload or worker count: the run says what ran instead of made-up params.
  const run = new RunRecording({
    runId: `trace-${Math.random().toString(36).slice(2, 8)}`,
    scenarioId: 'trace',
    params: null,
    command: runCommandOf(o.argv, o.intervalMs, source, cwd),
    machine: readMachine(),
    runStartMono,
    observer: { onEvent: (e) => o.onEvent?.(e), onTrace: (t, whole) => o.onTrace?.(t, whole) },
    storage: o.storage,
  });
  run.announceSource(sampler, o.intervalMs, source);
  try {
    return await followCommand(o, { run, sampler, child, root, exited, traced, output });
  } catch (error) {
    run.fail(error, `Tracing ${o.argv[0]}`);
    throw error;
  } finally {
    await traced.end(500);
  }
}

interface FollowedCommand {
  run: RunRecording;
  sampler: Sampler;
  child: TracedChild;
  root: number;
  exited: Promise<CommandExit | { error: Error }>;
  traced: TracedTree;
  output: CollectedOutput;
}

interface CollectedOutput {
  stdout: OutputTailKeeper;
  stderr: OutputTailKeeper;
  /** Both pipes closed (or gave up waiting: a process that outlived the command may hold them). */
  closed: (waitMs: number) => Promise<void>;
}

/** Keeps the tails of the command's stdout and stderr, and passes stderr on as it comes. */
function collectOutput(child: TracedChild, o: TraceCommandOptions): CollectedOutput {
  const stdout = new OutputTailKeeper();
  const stderr = new OutputTailKeeper();
  const ends = [child.stdout, child.stderr].map((stream) => new Promise<void>((r) => (stream ? stream.once('close', () => r()) : r())));
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr.push(chunk);
    o.onErrorOutput?.(chunk);
  });
  return {
    stdout,
    stderr,
    closed: (waitMs) => Promise.race([Promise.all(ends).then(() => undefined), new Promise<void>((r) => setTimeout(r, waitMs).unref())]),
  };
}

async function followCommand(o: TraceCommandOptions, f: FollowedCommand): Promise<TraceCommandResult> {
  const { run, sampler, child, root, exited, traced, output } = f;
  // How busy other programs kept the machine: a GIL verdict on a busy machine says "inconclusive", not a false answer.
  const load = startLoadMeter(run.machine.logicalCores);
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
  const endTree = async (graceMs: number) => {
    for (const [pid, startTime] of tree.startTimes) traced.saw(pid, startTime);
    await traced.end(graceMs);
  };
  const stop = (why: string) => {
    if (stoppedBy) return;
    stoppedBy = why;
    void endTree(1000);
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
  // The command is done: whatever it left running (a daemon it double-forked too) would be an orphan. End it.
  tree.look();
  for (const [pid, startTime] of tree.startTimes) traced.saw(pid, startTime);
  const leftovers = traced.members().filter((id) => id.pid !== root);
  if (leftovers.length) {
    run.mark({ tMs: run.relMs(), kind: 'annotation', taskId: null, text: `ended ${leftovers.length} process(es) the command left running` });
    await endTree(500);
  }
  stopWatching();
  await output.closed(500);
  const outcome: CommandOutcome = { version: 1, exitCode: exit.code, exitSignal: exit.signal, stdout: output.stdout.tail(), stderr: output.stderr.tail() };
  run.setCommandOutcome(outcome);
  const endMs = run.relMs();
  tree.look();
  tree.endAll(endMs, stoppedBy !== null);
  const rootTask = run.task(tracedTaskId(root, root));
  if (rootTask) run.putTask({ ...rootTask, exitDetail: exitText(outcome) });
  let stats = null;
  try {
    stats = await sampler.stop();
  } catch (e) {
    run.mark({ tMs: endMs, kind: 'error', taskId: null, text: String(e instanceof Error ? e.message : e) });
  }
  offBatch();
  const gilWaits = tree.gilWaits(endMs);
  const inferGilWaits = (segments: Segment[]) => applyInferredGilWait(segments, gilWaits);
  const otherCores = load.stop();
  const gilPids = tree.gilProcesses();
  // Every thread of an interpreter with a GIL: its waits follow from who ran (exact switch records: each hand-over).
  const gilPidOf = new Map(run.tasks().filter((t) => t.pid !== null && gilPids.has(t.pid)).map((t) => [t.id, t.pid as number]));
  const inferFromStates = (segments: Segment[]) => applyGilWaitsFromStates(segments, gilPidOf);
  const verdictOf = (t: Trace) => judgeTracedGil({ processes: gilFactsOf(t, gilPids), cores: t.machine.logicalCores, otherCores });
  const trace = run.finish({ reason: stoppedBy ? 'stopped' : 'finished', stats, wallMs: endMs, inferences: [inferGilWaits, inferFromStates], verdictOf });
  const inferred = trace.segments.filter((s) => s.inferred);
  const inferredMs = inferred.reduce((a, s) => a + (s.endMs - s.startMs), 0);
  return { trace, exitCode: exit.code, exitSignal: exit.signal, inferredGilWaits: inferred.length, inferredGilWaitMs: inferredMs, outcome };
}
