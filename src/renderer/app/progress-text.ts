import { formatMs, type Scenario } from '../../shared';
import { TRACED_PROGRAM_SCENARIO, type RunState } from './run-state';

/** A preset decides what it runs (often several runs of different kinds); a plain scenario is the form's own run. */
export function isPreset(s: Scenario | undefined): s is Scenario {
  return !!s && !s.id.startsWith('plain-');
}

type Progress = NonNullable<RunState['progress']>;

export function isTracedProgram(state: RunState): boolean {
  return state.run?.scenarioId === TRACED_PROGRAM_SCENARIO;
}

/** A run of a preset that measures outside the timeline (message cost, races, pools): it has no time of its own to show. */
export function isTimeless(state: RunState, runScenario: Scenario | undefined): boolean {
  return runScenario?.producesTrace === false && state.tasks.length === 0;
}

/** The line beside the progress bar: which run of a multi-run preset, "measuring…" for a preset that draws no timeline. */
export function progressText(state: RunState, p: Progress, runScenario: Scenario | undefined): string {
  // Numbered from the second run on: a single-run preset needs no count.
  const nth = state.presetRun && state.presetRun.index > 1 ? `run ${state.presetRun.index} · ` : '';
  const timeless = isTimeless(state, runScenario);
  if (state.status === 'ended') {
    const end = `ended (${state.ended?.reason ?? ''})`;
    if (timeless) return `${end} · ${state.verdict ? 'verdict below' : 'no timeline for this run'}`;
    return isTracedProgram(state) ? `${end} · ${formatMs(p.elapsedMs)}` : `${end} · ${formatMs(p.elapsedMs)} / ${formatMs(p.durationMs)}`;
  }
  if (state.status === 'running' && timeless) return `${nth}measuring… (no timeline; the verdict comes at the end)`;
  // A traced program runs until it exits (or its time limit): there is no planned length to show.
  if (isTracedProgram(state)) return `${state.status} · ${formatMs(p.elapsedMs)}`;
  return `${nth}${state.status} · ${formatMs(p.elapsedMs)} / ${formatMs(p.durationMs)}`;
}
