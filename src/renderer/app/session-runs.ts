import { formatMs, SESSION_TRACES_KEPT, type RunInfo, type Scenario, type Task } from '../../shared';
import { TRACED_PROGRAM_SCENARIO, workerMix } from './run-state';

/** One finished run of this session as the list shows it; its trace is fetched only to show or compare it. */
export interface SessionRun {
  runId: string;
  scenarioId: string | null;
  /** Which run of a multi-run preset (1-based), or null for a single run. */
  presetIndex: number | null;
  /** "3 thread workers, cpu workload, 2.01 s". */
  what: string;
  /** How its workers ended when not all as planned: "thread 0 crashed", or null. */
  exits: string | null;
}

/** As many as the server keeps whole: older ones could not be shown again. */
export const SESSION_RUN_LIMIT = SESSION_TRACES_KEPT.runs;

const UNPLANNED = new Set(['crashed', 'killed', 'hung', 'exited', 'lost']);

/** What a run was and how its workers ended, from what the page saw of it (no trace fetched). */
export function describeSessionRun(run: RunInfo, tasks: readonly Task[], wallMs: number, presetIndex: number | null): SessionRun {
  const unplanned = tasks.filter((t) => t.exitReason !== null && UNPLANNED.has(t.exitReason));
  const what = [workerMix(tasks), run.params ? `${run.params.workload} workload` : null, formatMs(wallMs)].filter(Boolean).join(', ');
  return {
    runId: run.runId,
    scenarioId: run.scenarioId,
    presetIndex,
    what,
    exits: unplanned.length === 0 ? null : unplanned.map((t) => `${t.label} ${t.exitReason}`).join(', '),
  };
}

/** Adds (or replaces) a run, newest last, dropping the oldest past the limit. */
export function addSessionRun(runs: readonly SessionRun[], run: SessionRun, limit = SESSION_RUN_LIMIT): SessionRun[] {
  return [...runs.filter((r) => r.runId !== run.runId), run].slice(-limit);
}

/** "Crash: …, run 2", "Custom run", "Traced program": what the list and the comparison call a run. */
export function sessionRunTitle(run: SessionRun, scenarios: readonly Scenario[]): string {
  if (run.scenarioId === TRACED_PROGRAM_SCENARIO) return 'Traced program';
  if (run.scenarioId === null) return 'Custom run';
  const preset = scenarios.find((s) => s.id === run.scenarioId)?.title ?? run.scenarioId;
  return run.presetIndex !== null ? `${preset}, run ${run.presetIndex}` : preset;
}
