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

export interface Availability {
  available: boolean;
  reason: string | null;
}
export type AvailabilityByKind = Partial<Record<WorkerKind, Availability>>;

/** Without the engine's answer: python kinds need a python runtime in the machine record; others are assumed present. */
function guessAvailability(kind: WorkerKind, machine: Machine | null): Availability {
  if (!kind.startsWith('python') || !machine || Object.keys(machine.runtimes).some((name) => /^python/i.test(name))) return { available: true, reason: null };
  return { available: false, reason: 'no python3 interpreter was found on the PATH' };
}

/** One scenario per worker kind, for free-form runs from the run controls. */
export function plainScenarios(machine: Machine | null, availability: AvailabilityByKind = {}): Scenario[] {
  return WORKER_KINDS.map((kind) => {
    const a = availability[kind] ?? guessAvailability(kind, machine);
    return {
      id: plainScenarioId(kind),
      title: TITLES[kind],
      claim: null,
      params: { kind },
      available: a.available,
      unavailableReason: a.available ? null : (a.reason ?? 'not available on this machine'),
    };
  });
}

/** Presets first (they state the claims), then the plain kinds; a preset wins an id clash. */
export function listScenarios(presets: readonly Preset[], machine: Machine | null, availability: AvailabilityByKind = {}): Scenario[] {
  const fromPresets = presets.map((p) => p.scenario);
  const taken = new Set(fromPresets.map((s) => s.id));
  return [...fromPresets, ...plainScenarios(machine, availability).filter((s) => !taken.has(s.id))];
}
