import { Command, Option } from 'commander';
import { RunParamsSchema, WORKER_KINDS, WORKLOADS, type BridgeEvent, type RunParams, type SourceChoice, type Trace, type Verdict } from '../../../shared';
import type { Engine } from '../../engine/session-api';
import type { ProcessLauncher } from '../../engine/launchers/process-launcher';
import { findPreset, PRESETS, type Preset } from '../../presets';
import { createCliEngine } from '../cli-engine';
import { formatPresetList, formatSummary, formatVerdict } from '../run/format-summary';
import { checkOut, outPath, writeTraceOut, type OutTarget } from '../run/out-file';
import { ignoredByPreset, presetOverrides, withIntervalDefault } from '../run/preset-overrides';
import { DURATION_HELP, INTERVAL_HELP, MEMORY_HELP, parseDuration, parseIntervalMs, parseMemoryMb, parseWorkers, parseWorkUnits, sourceOption, WORK_UNITS_HELP, WORKERS_HELP } from '../run/parse-options';
import { progressLine } from '../run/progress-line';
import { signalExitCode } from '../run/signal-exit';
import { summarize } from '../run/summary';

interface RunOptions {
  workload: RunParams['workload'];
  kind: RunParams['kind'];
  workers: number;
  duration: number;
  intervalMs: number;
  source: SourceChoice;
  memoryMb: number;
  workUnits?: number;
  out?: string | true;
  stream?: boolean;
  json?: boolean;
  list?: boolean;
}

/** Thrown for bad input found after parsing (unknown preset, unwritable --out): one line, exit 1. */
export class UsageError extends Error {}

function knownPresets(): string {
  return PRESETS.length ? PRESETS.map((p) => p.scenario.id).join(', ') : '(none are installed)';
}

/** `corelanes run [preset] [options]`: one run (or a preset's runs), then a summary or JSON. */
export function runCommand(): Command {
  return new Command('run')
    .description('run workers on real threads or processes, sample which core each runs on, then print a summary')
    .argument('[preset]', 'a named scenario that states a claim and ends with a verdict (see the list below)')
    .addOption(new Option('--workload <name>', 'what each worker does: cpu (computation), io (file reads and timers), mixed (alternating), memory (allocate and touch --memory-mb)').choices(WORKLOADS).default('cpu'))
    .addOption(
      new Option(
        '--kind <kind>',
        'thread (worker_threads, shared memory), process (a separate process each), gil-thread (threads under a simulated GIL), python-thread / python-process (real CPython, when python3 is on the PATH)',
      )
        .choices(WORKER_KINDS)
        .default('thread'),
    )
    .option('--workers <n>', WORKERS_HELP, parseWorkers, 2)
    .addOption(new Option('--duration <seconds>', `${DURATION_HELP}; with a preset: the length of each of its runs`).argParser(parseDuration).default(3, "3, or a preset's own length"))
    .option('--interval-ms <ms>', `${INTERVAL_HELP}; with a preset: for every run it starts`, parseIntervalMs, 1)
    .addOption(sourceOption())
    .option('--memory-mb <mb>', MEMORY_HELP, parseMemoryMb, 64)
    .option('--work-units <n>', WORK_UNITS_HELP, parseWorkUnits)
    .option('--out [file]', 'write the trace (JSON, docs/trace-format.md; gzip when FILE ends in .gz) to this file, checked before the run; --out alone: <scenario>-<date>.corelanes.json here (.json.gz when large)')
    .option('--stream', 'stream the trace to disk while the run goes on (gzip JSON lines, docs/trace-format.md "Streamed traces"): nothing is kept whole in memory, and a run cut short still opens; --out alone then names it <scenario>-<date>.corelanes.jsonl.gz. Also chosen by an --out FILE ending in .jsonl.gz')
    .option('--json', 'print the summary as JSON on stdout instead of the table')
    .option('--list', 'list the presets (id, claim, availability) and exit')
    .addHelpText(
      'after',
      () =>
        `\nPresets (details: --list): ${knownPresets()}.\n` +
        'With a preset, the preset decides kind, workload and workers; --duration S sets the length of each of its runs\n' +
        '(presets that measure a fixed amount of work, e.g. message-cost, race-counter, pools, use a quick set below 1 s;\n' +
        'without --duration each preset uses its own length); --interval-ms, --out and --json still apply,\n' +
        'and the verdict is printed (and is `verdict` in --json).\n\n' +
        'The summary: per task its kind, pid, tid, on-CPU ms, waiting-for-CPU ms (run queue), its on-CPU time per core in % (? = on no known core),\n' +
        'migrations, spawn latency; per core the utilization; wall time; parallelism = on-CPU time of the workers / wall\n' +
        'time; the sampler\'s rate and CPU cost. --json fields: wallMs, cpuMs, parallelism, sampler.rateHz,\n' +
        'sampler.cpuPercent, cores[], tasks[] (kind, pid, tid, onCpuMs, waitMs, coreMs, migrations, spawnMs, ...).\n\n' +
        'Ctrl-C (SIGINT) or SIGTERM stops the run cleanly and prints what was measured; no worker outlives the CLI.\n' +
        'Exit status: 0 done, 1 bad input or a failed run, 130/143 stopped by SIGINT/SIGTERM.',
    )
    .action(runAction);
}

/** The preset named on the command line, checked: known, available here, and able to do what was asked. */
function checkedPreset(presetId: string | undefined, opts: RunOptions, command: Command): Preset | undefined {
  const preset = presetId === undefined ? undefined : findPreset(presetId);
  if (presetId !== undefined && !preset) throw new UsageError(`unknown preset '${presetId}'; known presets: ${knownPresets()}`);
  if (!preset) return undefined;
  if (!preset.scenario.available) throw new UsageError(`preset '${presetId}' is not available here: ${preset.scenario.unavailableReason ?? 'no reason given'}`);
  if (opts.out !== undefined && preset.scenario.producesTrace === false) {
    throw new UsageError(`preset '${presetId}' measures outside a timeline run, so it has no trace to write; drop --out (its verdict is printed)`);
  }
  const ignored = ignoredByPreset((name) => command.getOptionValueSource(name));
  if (ignored.length) process.stderr.write(`corelanes: warning: preset '${presetId}' decides ${ignored.join(', ')}; ignoring them\n`);
  return preset;
}

/** The file a plain run streams its trace to (--stream, or an --out ending in .jsonl.gz), or null; a preset writes one document. */
function streamPath(target: OutTarget | null, opts: RunOptions, preset: Preset | undefined): string | null {
  const wanted = opts.stream === true || (target?.path?.endsWith('.jsonl.gz') ?? false);
  if (!wanted || !target) return null;
  if (preset) throw new UsageError(`a preset's trace is written as one JSON document at its end, not streamed; drop --stream (or use an --out name not ending in .jsonl.gz)`);
  const startedAt = new Date().toISOString();
  return outPath(target, { runId: 'run', scenarioId: null, params: RunParamsSchema.parse({ workload: opts.workload, kind: opts.kind }), startedAt, wallMs: 0 }, 'trace-stream');
}

/** SIGINT/SIGTERM stop the run cleanly (a second one exits at once); returns the signal seen so far and the disposer. */
function stopOnSignals(stop: () => void): { signalled: () => NodeJS.Signals | null; off: () => void } {
  let signalled: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      process.stderr.write(`\ncorelanes: ${signal} again, exiting now\n`);
      process.exit(signalExitCode(signal));
    }
    signalled = signal;
    stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signalled: () => signalled,
    off: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** The runs themselves: a preset's, or one plain run of the options; what was measured. */
async function measure(engine: Engine, launcher: ProcessLauncher, preset: Preset | undefined, opts: RunOptions, command: Command, abort: AbortController, setStop: (stop: () => void) => void, streamTo: string | null): Promise<{ traces: Trace[]; verdict: Verdict | null }> {
  if (preset) {
    const overrides = presetOverrides(opts, (name) => command.getOptionValueSource(name));
    const result = await preset.run({
      engine: withIntervalDefault(engine, overrides.intervalMs, opts.source),
      launcher,
      signal: abort.signal,
      ...(overrides.durationS === undefined ? {} : { durationS: overrides.durationS }),
    });
    return { traces: result.traces, verdict: result.verdict };
  }
  const session = await engine.startRun({
    workload: opts.workload,
    kind: opts.kind,
    workers: opts.workers,
    durationS: opts.duration,
    intervalMs: opts.intervalMs,
    source: opts.source,
    memoryMb: opts.memoryMb,
    workUnits: opts.workUnits ?? null,
  }, null, streamTo ? { outPath: streamTo } : undefined);
  setStop(() => void session.stop());
  if (abort.signal.aborted) void session.stop();
  return { traces: [await session.done], verdict: null };
}

/** The summary (or JSON) of what was measured, the trace file, and the exit status. */
function report(traces: Trace[], verdict: Verdict | null, opts: RunOptions, outTarget: OutTarget | null, signalled: NodeJS.Signals | null, streamedTo: string | null): void {
  const last = traces.at(-1);
  if (!last && verdict && !signalled) {
    // A preset that measures outside a timeline run (message-cost, race-counter, pools): its verdict is the result.
    process.stdout.write(opts.json ? `${JSON.stringify({ verdict, runs: [], out: null, stoppedBy: null }, null, 2)}\n` : `${formatVerdict(verdict)}\n`);
    return;
  }
  if (!last) throw new Error(signalled ? `stopped by ${signalled} before a run finished` : 'the run produced no trace');
  // A streamed trace is already whole on disk (its footer written at the run's end).
  const outPath = streamedTo ?? (outTarget ? writeTraceOut(outTarget, verdict ? { ...last, verdict } : last) : null);
  const summaries = traces.map(summarize);
  if (opts.json) {
    const json = { ...summaries.at(-1)!, ...(verdict ? { verdict } : {}), ...(summaries.length > 1 ? { runs: summaries } : {}), out: outPath, stoppedBy: signalled };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    process.stdout.write(`${summaries.map(formatSummary).join('\n\n')}\n`);
    if (verdict) process.stdout.write(`\n${formatVerdict(verdict)}\n`);
    if (outPath) process.stdout.write(`\ntrace written to ${outPath}\n`);
    if (signalled) process.stdout.write(`(stopped by ${signalled})\n`);
  }
  if (signalled) process.exitCode = signalExitCode(signalled);
}

async function runAction(presetId: string | undefined, opts: RunOptions, command: Command): Promise<void> {
  if (opts.list) {
    const scenarios = PRESETS.map((p) => p.scenario);
    process.stdout.write(opts.json ? `${JSON.stringify(scenarios, null, 2)}\n` : `${formatPresetList(scenarios)}\n`);
    return;
  }
  const preset = checkedPreset(presetId, opts, command);
  const outTarget = checkOut(opts.out ?? (opts.stream ? true : undefined));
  const streamTo = streamPath(outTarget, opts, preset);
  // Rig processes start through the same launcher as the engine's workers.
  const { engine, launcher } = createCliEngine();
  const progress = process.stderr.isTTY && !opts.json ? progressLine(process.stderr) : null;
  // The progress line hears every run the engine makes (a preset's too).
  const stopObserving = engine.observe({ onEvent: (e: BridgeEvent) => progress?.onEvent(e) });
  const abort = new AbortController();
  let stopCurrent: (() => void) | null = null;
  const signals = stopOnSignals(() => {
    abort.abort();
    stopCurrent?.();
  });
  let measured: { traces: Trace[]; verdict: Verdict | null };
  try {
    measured = await measure(engine, launcher, preset, opts, command, abort, (stop) => (stopCurrent = stop), streamTo);
  } catch (error) {
    // A preset stopped by a signal ends with an error from its current run: say so, do not blame the preset.
    const signalled = signals.signalled();
    if (!signalled) throw error;
    process.stderr.write(`corelanes: stopped by ${signalled}${preset ? `; preset '${presetId}' did not finish, so it has no verdict` : ''}\n`);
    process.exitCode = signalExitCode(signalled);
    return;
  } finally {
    stopObserving();
    progress?.clear();
    await engine.dispose();
    signals.off();
  }
  report(measured.traces, measured.verdict, opts, outTarget, signals.signalled(), streamTo);
  // Every worker is gone; a stray handle must not keep the terminal waiting.
  setTimeout(() => process.exit(), 2000).unref();
}
