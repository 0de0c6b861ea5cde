import { MAX_VERDICT_CHARTS, MAX_VERDICT_NUMBERS, VerdictSchema, type MachineLoad, type Verdict, type VerdictChart, type VerdictNumber } from '../../../shared';
import type { Judged } from './stats';

/** Rounds for display and JSON (3 significant decimals is plenty for a claim). */
export function round(n: number, digits = 3): number {
  return Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : 0;
}

export function num(key: string, label: string, value: number, unit: string): VerdictNumber {
  return { key, label, value: round(value), unit };
}

/** "Other programs used N cores" when the load meter could tell, else nothing: how busy the machine was beside the run. */
export function otherCoresNumber(machine: { otherCores: number | null }): VerdictNumber[] {
  return machine.otherCores !== null ? [num('otherCores', 'Other programs used', machine.otherCores, 'cores')] : [];
}

export interface VerdictParts {
  presetId: string;
  claim: string;
  judged: Judged;
  numbers: VerdictNumber[];
  charts?: VerdictChart[];
  raw: Record<string, number>;
  machine: MachineLoad;
  repeats: { n: number; medians: Record<string, number> };
}

/** A version 2 verdict, validated (a preset that builds a bad one is a bug, and says so here rather than on the page). */
export function makeVerdict(p: VerdictParts): Verdict {
  const finite = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).filter(([, v]) => Number.isFinite(v)).map(([k, v]) => [k, round(v, 4)]));
  return VerdictSchema.parse({
    version: 2,
    presetId: p.presetId,
    claim: p.claim,
    status: p.judged.status,
    explanation: p.judged.explanation,
    numbers: p.numbers.filter((n) => Number.isFinite(n.value)).slice(0, MAX_VERDICT_NUMBERS),
    charts: (p.charts ?? []).slice(0, MAX_VERDICT_CHARTS),
    raw: finite(p.raw),
    machine: {
      cores: p.machine.cores,
      otherCores: p.machine.otherCores === null ? null : round(p.machine.otherCores, 2),
      baselineCores: p.machine.baselineCores === null ? null : round(p.machine.baselineCores, 2),
    },
    repeats: { n: p.repeats.n, medians: finite(p.repeats.medians) },
  });
}
