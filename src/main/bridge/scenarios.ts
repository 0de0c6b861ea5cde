import { WORKER_KINDS, type Machine, type Scenario, type WorkerKind } from '../../shared';
import type { Preset } from '../presets';

const TITLES: Record<WorkerKind, string> = {
  thread: 'Worker threads (JavaScript, no GIL)',
  process: 'Processes',
  'gil-thread': 'Threads with a simulated GIL',
  'python-thread': 'Python threads (real CPython)',
  'python-process': 'Python processes (real CPython)',
};

/** Id of the plain scenario of one kind: run N workers of that kind, no claim attached. */
export const plainScenarioId = (kind: WorkerKind): string => `plain-${kind}`;

function hasPython(machine: Machine | null): boolean {
  // Unknown machine: say available and let the engine give the reason if it is not.
  if (!machine) return true;
  return Object.keys(machine.runtimes).some((name) => /^python/i.test(name));
}

/** One scenario per worker kind, for free-form runs from the run controls. */
export function plainScenarios(machine: Machine | null): Scenario[] {
  return WORKER_KINDS.map((kind) => {
    const needsPython = kind.startsWith('python');
    const available = !needsPython || hasPython(machine);
    return {
      id: plainScenarioId(kind),
      title: TITLES[kind],
      claim: null,
      params: { kind },
      available,
      unavailableReason: available ? null : 'no python3 interpreter was found on the PATH',
    };
  });
}

/** Presets first (they state the claims), then the plain kinds; a preset wins an id clash. */
export function listScenarios(presets: readonly Preset[], machine: Machine | null): Scenario[] {
  const fromPresets = presets.map((p) => p.scenario);
  const taken = new Set(fromPresets.map((s) => s.id));
  return [...fromPresets, ...plainScenarios(machine).filter((s) => !taken.has(s.id))];
}
