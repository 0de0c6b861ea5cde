import { dirname } from 'node:path';
import { evaluate, type Evaluation, type Exercise, type Measured, type Quantity, type RunParams, type Trace, type Verdict } from '../../shared';
import type { ProcessLauncher } from '../engine/launchers/process-launcher';
import type { Engine } from '../engine/session-api';
import { findPreset } from '../presets';
import { median } from '../presets/lib/measures';
import { runOnce } from '../presets/lib/run-once';
import { traceCommand } from '../tracer/trace-command';
import { runMetric } from './run-metrics';

/** What an exercise runs on: the same engine and launcher as `corelanes run`, and the sampler entry for traced programs. */
export interface ExerciseContext {
  engine: Engine;
  launcher: ProcessLauncher;
  samplerEntry: string;
  signal?: AbortSignal;
  /** The built thread entry, for presets' rig workers (found by search when absent). */
  threadEntry?: string;
}

export interface ExerciseOutcome {
  /** The preset's verdict (preset exercises), else null. */
  verdict: Verdict | null;
  /** The traces, by compared run id (null: the one run). */
  traces: Map<string | null, Trace[]>;
  evaluation: Evaluation;
}

/** Thrown when the exercise cannot run on this machine (a preset unavailable here); the reason is its message. */
export class ExerciseUnavailable extends Error {}

/** One plain run, started and stopped on abort as a preset's runs are. */
const runParams = (ctx: ExerciseContext, exercise: Exercise, params: Partial<RunParams>): Promise<Trace> => runOnce(ctx, `exercise:${exercise.id}`, params);

async function runCommand(ctx: ExerciseContext, exercise: Exercise, argv: string[], maxDurationS: number): Promise<Trace> {
  // The command runs in the exercise's folder: a bundled script is a path relative to the file.
  const result = await traceCommand({ argv, samplerEntry: ctx.samplerEntry, intervalMs: 1, source: 'auto', maxDurationS, cwd: dirname(exercise.file), signal: ctx.signal, onOutput: () => undefined, onErrorOutput: () => undefined });
  if (result.exitCode !== 0) throw new Error(`${argv.join(' ')} ended with ${result.exitSignal ?? `exit status ${result.exitCode}`}: ${result.outcome.stderr.text.trim().split('\n').at(-1) ?? ''}`);
  return result.trace;
}

/** Runs what the exercise says, through the engine `corelanes run` uses; returns the measurement. */
async function measure(ctx: ExerciseContext, exercise: Exercise): Promise<{ verdict: Verdict | null; traces: Map<string | null, Trace[]> }> {
  const run = exercise.run;
  const traces = new Map<string | null, Trace[]>();
  if ('preset' in run) {
    const preset = findPreset(run.preset);
    if (!preset) throw new Error(`unknown preset '${run.preset}'`);
    if (!preset.scenario.available) throw new ExerciseUnavailable(`preset '${run.preset}' is not available here: ${preset.scenario.unavailableReason ?? 'no reason given'}`);
    const result = await preset.run({ engine: ctx.engine, launcher: ctx.launcher, signal: ctx.signal, ...(ctx.threadEntry ? { threadEntry: ctx.threadEntry } : {}), ...(run.durationS ? { durationS: run.durationS } : {}) });
    traces.set(null, result.traces);
    return { verdict: result.verdict, traces };
  }
  if ('params' in run) {
    const list: Trace[] = [];
    for (let k = 0; k < run.repeats; k++) list.push(await runParams(ctx, exercise, run.params));
    traces.set(null, list);
  } else if ('command' in run) {
    traces.set(null, [await runCommand(ctx, exercise, run.command, run.maxDurationS)]);
  } else {
    for (const item of run.compare) traces.set(item.id, [item.params ? await runParams(ctx, exercise, item.params) : await runCommand(ctx, exercise, item.command!, 30)]);
  }
  return { verdict: null, traces };
}

/** A quantity's value in a measurement: verdict numbers (raw as fallback), the status, or a run metric's median over repeats. */
export function lookupIn(verdict: Verdict | null, traces: Map<string | null, Trace[]>): (q: Quantity) => Measured | undefined {
  return (q) => {
    if (q.from === 'status') return verdict?.status;
    if (q.from === 'numbers') return verdict?.numbers.find((n) => n.key === q.key)?.value ?? verdict?.raw[q.key];
    if (q.from === 'raw') return verdict?.raw[q.key];
    if (q.from !== 'metric') return undefined;
    const values = (traces.get(q.run) ?? []).map((t) => runMetric(t, q.metric)).filter((v): v is number => v !== undefined && Number.isFinite(v));
    return values.length ? median(values) : undefined;
  };
}

/** Runs an exercise and evaluates its answer key against what was measured. */
export async function runExercise(ctx: ExerciseContext, exercise: Exercise): Promise<ExerciseOutcome> {
  const { verdict, traces } = await measure(ctx, exercise);
  return { verdict, traces, evaluation: evaluate(exercise, lookupIn(verdict, traces)) };
}
