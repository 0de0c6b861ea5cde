import { roleMay, type CommandName, type Role, type Scenario } from '../../shared';
import { isTracedProgram } from './progress-text';
import type { RunState } from './run-state';

/**
 * Why this page may not use a control that sends `command`, for its tooltip;
 * null when it may. The role table is the contract's (COMMAND_ACCESS); the
 * server enforces it whatever the page shows.
 */
export function leaderOnlyReason(role: Role | null, command: CommandName): string | null {
  if (role === null || roleMay(role, command)) return null;
  return 'You opened the viewer link: you see every run live, but only the leader (who started Corelanes) can start, stop, add or run.';
}

/**
 * Why Add/Remove worker cannot act on the current run, for its tooltip; null
 * when they can. Only a timeline run of workers has a pool to change: a
 * preset that measures outside a timeline has none, and a traced program's
 * threads are its own.
 */
export function workerChangeReason(state: RunState, runScenario: Scenario | undefined, command: 'addWorker' | 'removeWorker'): string | null {
  const role = leaderOnlyReason(state.role, command);
  if (role !== null) return role;
  if (state.status !== 'running') return 'Start a run first: workers are added to a run while it goes on.';
  if (isTracedProgram(state)) return "A traced program's threads and processes are its own: Corelanes only watches them.";
  if (runScenario?.producesTrace === false) return 'This preset measures outside a timeline: it has no pool of workers to change.';
  return null;
}
