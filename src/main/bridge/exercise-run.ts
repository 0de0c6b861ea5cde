import type { Exercise, RoomResult } from '../../shared';
import type { Session } from '../engine/session-api';
import { findPreset } from '../presets';
import { runExercise } from '../exercises';
import { deferred, NO_LAUNCHER, presetEngine, sessionsRun, type ActiveRun, type PresetExtras, type RunContext } from './active-run';
import { UserError, userMessage } from './messages';

export interface ExerciseRunHooks {
  /** The run's first id is known (the room shows "running"). */
  started(runId: string): void;
  /** What was measured, in the prediction's terms (the answer key stays on the host). */
  finished(result: RoomResult): void;
  /** Stopped or failed: no result. */
  interrupted(): void;
}

const ignore = (): void => undefined;

/** Runs only traced programs (no engine session): the page gets a measurement run for it, without lanes. */
function tracedOnly(exercise: Exercise): boolean {
  const run = exercise.run;
  return 'command' in run || ('compare' in run && run.compare.every((r) => r.command !== undefined));
}

/**
 * A workshop exercise as the bridge's one run: its runs go through the same
 * engine as startRun (each announced and ended by the engine, so every page
 * sees them live), then its answer is measured. A preset's verdict follows
 * its last run-ended, as for startRun; a run that makes no session (a
 * measurement-only preset) gets an engine measurement as its run.
 */
export function startExerciseRun(ctx: RunContext, exercise: Exercise, extra: PresetExtras & { samplerEntry?: string }, hooks: ExerciseRunHooks): ActiveRun {
  const abort = new AbortController();
  const first = deferred<string>();
  let current: Session | null = null;
  let lastRunId: string | null = null;
  const scenarioId = 'preset' in exercise.run ? exercise.run.preset : `exercise:${exercise.id}`;
  const engine = presetEngine(ctx, scenarioId, abort.signal, (session) => {
    current = session;
    lastRunId = session.runId;
    first.resolve(session.runId);
    void session.done.finally(() => (current === session ? (current = null) : null)).catch(ignore);
  });
  const preset = 'preset' in exercise.run ? findPreset(exercise.run.preset) : undefined;
  const measurement = preset?.scenario.producesTrace === false || tracedOnly(exercise) ? ctx.engine.startMeasurement(scenarioId, preset?.scenario.params ?? {}) : null;
  if (measurement) first.resolve(measurement.runId);
  void first.promise.then(hooks.started, ignore);

  const run = runExercise({ engine, launcher: extra.launcher ?? NO_LAUNCHER, samplerEntry: extra.samplerEntry ?? '', signal: abort.signal, threadEntry: extra.threadEntry }, exercise);
  const ended = run.then(
    (outcome) => {
      const own = measurement ?? (lastRunId === null ? ctx.engine.startMeasurement(scenarioId, {}) : null);
      own?.end(abort.signal.aborted ? 'stopped' : 'finished');
      const runId = own ? own.runId : (lastRunId as string);
      first.resolve(runId);
      if (abort.signal.aborted) return hooks.interrupted();
      if (outcome.verdict) {
        const trace = [...outcome.traces.values()].flat().at(-1);
        if (trace) ctx.onTrace({ ...trace, verdict: outcome.verdict });
        ctx.emit({ type: 'verdict', runId, verdict: outcome.verdict });
      }
      const e = outcome.evaluation;
      hooks.finished({ values: e.values.slice(0, 8), measured: e.measured, missing: e.missing, runId });
    },
    (error: unknown) => {
      const aborted = abort.signal.aborted;
      if (measurement && aborted) measurement.end('stopped');
      else if (measurement) measurement.fail(error, exercise.title);
      else if (lastRunId === null) first.reject(new UserError(userMessage(error)));
      else if (!aborted) ctx.emit({ type: 'error', message: `${exercise.title} failed: ${userMessage(error)}`, runId: lastRunId });
      hooks.interrupted();
    },
  );

  return sessionsRun(first.promise, abort, () => current, ended);
}
