import { formatMs, type Scenario } from '../../shared';
import type { RunState } from './run-state';
import { TRACED_PROGRAM_SCENARIO, workerMix } from './run-state';

/**
 * One sentence for the visually hidden live region: what a screen reader user
 * needs to follow the run. `timeless`: the run's preset measures outside a
 * timeline (it has no workers or wall time to count).
 */
export function liveSummary(state: RunState, timeless?: Scenario): string {
  const run = state.run;
  if (!run) return state.connection === 'open' ? 'Ready. No run yet.' : 'Connecting to Corelanes.';
  if (timeless) {
    if (state.status !== 'ended') return `Measuring ${timeless.title} (no timeline; the verdict comes at the end).`;
    return state.verdict ? `${timeless.title}: ${state.verdict.status.replace('-', ' ')}. ${state.verdict.explanation}` : `${timeless.title} ended without a verdict.`;
  }
  const command = run.scenarioId === TRACED_PROGRAM_SCENARIO ? state.tasks.find((t) => t.kind === 'command') : undefined;
  const what =
    run.scenarioId === TRACED_PROGRAM_SCENARIO || !run.params
      ? `a traced program${command ? ` (${command.label})` : run.command ? ` (${run.command.argv.join(' ')})` : ''}, ${state.tasks.length} tasks`
      : `${workerMix(state.tasks)}, ${run.params.workload} workload`;
  if (state.status === 'running' || state.status === 'stopping') {
    const p = state.progress;
    return `Running ${what}${p ? `: ${formatMs(p.elapsedMs)}${run.scenarioId === TRACED_PROGRAM_SCENARIO ? '' : ` of ${formatMs(p.durationMs)}`}` : ''}.`;
  }
  if (state.status === 'ended' && state.ended) {
    const m = state.ended.metrics;
    const numbers = m ? ` Wall ${formatMs(m.wallMs)}, CPU ${formatMs(m.cpuMs)}, parallelism ${m.parallelism.toFixed(2)}.` : '';
    return `Run ${state.ended.reason}: ${what}.${numbers}`;
  }
  return `Starting ${what}.`;
}
