import type { Verdict } from '../../src/shared';

/** A valid version 2 verdict for tests that only carry one around. */
export function verdictFixture(presetId = 'p', over: Partial<Verdict> = {}): Verdict {
  return {
    version: 2,
    presetId,
    claim: 'a claim',
    status: 'supported',
    explanation: 'It held.',
    numbers: [{ key: 'parallelism', label: 'Cores used', value: 1.9, unit: 'cores' }],
    charts: [],
    raw: { parallelism: 1.9 },
    machine: { cores: 2, otherCores: 0.1, baselineCores: 1.95 },
    repeats: { n: 3, medians: { parallelism: 1.9 } },
    ...over,
  };
}
