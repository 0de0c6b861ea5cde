import { formatMs, type Scenario, type Trace } from '../../shared';
import { TRACED_PROGRAM_SCENARIO, workerMix } from './run-state';

/** One finished run of this session, kept whole so it can be shown again (the engine keeps only its last). */
export interface SessionRun {
  runId: string;
  scenarioId: string | null;
  /** Which run of a multi-run preset (1-based), or null for a single run. */
  presetIndex: number | null;
  /** "3 thread workers, cpu workload, 2.01 s". */
  what: string;
  /** How its workers ended when not all as planned: "thread 0 crashed", or null. */
  exits: string | null;
  trace: Trace;
}

/** Kept at most: a page holds these in memory, and a long session should not grow without end. */
export const SESSION_RUN_LIMITS = { runs: 12, segments: 2_000_000 };

const UNPLANNED = new Set(['crashed', 'killed', 'hung', 'exited', 'lost']);

/** What a run was and how its workers ended, from its trace. */
export function describeSessionRun(trace: Trace, presetIndex: number | null): SessionRun {
  const workers = trace.tasks.filter((t) => t.exitReason !== null && UNPLANNED.has(t.exitReason));
  const params = trace.run.params;
  const what = [workerMix(trace.tasks), params ? `${params.workload} workload` : null, formatMs(trace.run.wallMs)].filter(Boolean).join(', ');
  return {
    runId: trace.run.runId,
    scenarioId: trace.run.scenarioId,
    presetIndex,
    what,
    exits: workers.length === 0 ? null : workers.map((t) => `${t.label} ${t.exitReason}`).join(', '),
    trace,
  };
}

/** Adds (or replaces) a run, newest last, dropping the oldest past the limits. */
export function addSessionRun(runs: readonly SessionRun[], run: SessionRun, limits = SESSION_RUN_LIMITS): SessionRun[] {
  const next = [...runs.filter((r) => r.runId !== run.runId), run];
  let segments = next.reduce((a, r) => a + r.trace.segments.length, 0);
  while (next.length > 1 && (next.length > limits.runs || segments > limits.segments)) segments -= next.shift()!.trace.segments.length;
  return next;
}

/** "Crash: …, run 2", "Custom run", "Traced program": what the list and the comparison call a run. */
export function sessionRunTitle(run: SessionRun, scenarios: readonly Scenario[]): string {
  if (run.scenarioId === TRACED_PROGRAM_SCENARIO) return 'Traced program';
  if (run.scenarioId === null) return 'Custom run';
  const preset = scenarios.find((s) => s.id === run.scenarioId)?.title ?? run.scenarioId;
  return run.presetIndex !== null ? `${preset}, run ${run.presetIndex}` : preset;
}
