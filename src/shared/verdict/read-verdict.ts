import { MAX_VERDICT_NUMBERS, VerdictSchema, VerdictV1Schema, type Verdict, type VerdictV1 } from './verdict';

/**
 * A version 1 verdict as version 2: its words stay, its first numbers become
 * the shown ones (unit unknown), all stay raw. `cores`: the trace's machine's,
 * when the reader knows it (version 1 did not always record them).
 */
export function migrateVerdictV1(v: VerdictV1, cores?: number): Verdict {
  const finite = Object.entries(v.numbers).filter(([, n]) => Number.isFinite(n));
  return {
    version: 2,
    presetId: v.presetId,
    claim: v.claim,
    status: v.supported === true ? 'supported' : v.supported === 'partly' ? 'partly' : 'not-supported',
    explanation: (v.summary.trim() || 'This verdict was saved by an older Corelanes, which gave no reason.').slice(0, 600),
    numbers: finite.slice(0, MAX_VERDICT_NUMBERS).map(([key, value]) => ({ key, label: key, value, unit: '' })),
    charts: [],
    raw: v.numbers,
    machine: { cores: Math.max(1, Math.round(cores ?? v.numbers.cores ?? 1)), otherCores: null, baselineCores: null },
    repeats: { n: 1, medians: {} },
  };
}

/** A verdict from a file or the wire, either version, as version 2; null when it is neither. */
export function readVerdict(input: unknown, cores?: number): Verdict | null {
  const v2 = VerdictSchema.safeParse(input);
  if (v2.success) return v2.data;
  const v1 = VerdictV1Schema.safeParse(input);
  return v1.success ? migrateVerdictV1(v1.data, cores) : null;
}
