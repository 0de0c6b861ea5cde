import { answerText, round, type Exercise, type Measured } from '../../../shared';
import type { ExerciseOutcome } from '../../exercises';

export type CheckStatus = 'pass' | 'fail' | 'inconclusive' | 'unavailable' | 'error';

/** One line of `corelanes exercises check` (and its --json). */
export interface CheckRow {
  id: string;
  file: string;
  status: CheckStatus;
  /** The measured value(s) and what they answer, in words. */
  measured: string;
  /** The answer key, in words. */
  expected: string;
  values: { id: string; value: Measured }[];
  verdictStatus: string | null;
  /** Why, when not a pass. */
  note: string | null;
  seconds: number;
}

const valueText = (v: Measured) => (typeof v === 'number' ? String(round(v)) : v);

/** Judges one exercise's outcome: its answer key against the measurement; a contradiction on a busy machine the verdict calls inconclusive is not a failure. */
export function checkRow(exercise: Exercise, outcome: ExerciseOutcome, seconds: number): CheckRow {
  const e = outcome.evaluation;
  const p = exercise.prediction;
  // An ordering in a table: item ids, not their long labels.
  const order = (ids: unknown) => (Array.isArray(ids) ? ids.join(p.kind === 'ordering' && p.order === 'descending' ? ' > ' : ' < ') : '(not measured)');
  const shown =
    p.kind === 'number' ? valueText(e.values[0]?.value ?? '?')
    : p.kind === 'ordering' ? `${e.values.map((v) => `${v.id} ${valueText(v.value)}`).join(', ')} -> ${order(e.measured)}`
    : `${valueText(e.values[0]?.value ?? '?')} -> ${answerText(p, e.measured)}`;
  const expected = p.kind === 'ordering' ? order(exercise.answer.expect) : answerText(p, exercise.answer.expect) + (p.kind === 'number' ? ` ± ${p.tolerance}` : '');
  const verdictStatus = outcome.verdict?.status ?? null;
  const base = { id: exercise.id, file: exercise.file, measured: e.missing ? '-' : shown, expected, values: e.values, verdictStatus, seconds: Math.round(seconds * 10) / 10 };
  if (e.missing) return { ...base, status: 'error', note: e.missing };
  if (e.keyAgrees) return { ...base, status: 'pass', note: null };
  if (verdictStatus === 'inconclusive') return { ...base, status: 'inconclusive', note: `the verdict was inconclusive: ${outcome.verdict!.explanation}` };
  return { ...base, status: 'fail', note: 'the measurement contradicts the answer key' };
}

export function errorRow(exercise: Exercise, status: 'error' | 'unavailable', message: string, seconds: number): CheckRow {
  return { id: exercise.id, file: exercise.file, status, measured: '-', expected: answerText(exercise.prediction, exercise.answer.expect), values: [], verdictStatus: null, note: message, seconds: Math.round(seconds * 10) / 10 };
}

/** The table for people: id, measured, expected, result; notes below. */
export function formatCheckTable(rows: CheckRow[]): string {
  const head = ['id', 'measured', 'answer key expects', 'result', 's'];
  const cells = rows.map((r) => [r.id, r.measured, r.expected, r.status.toUpperCase(), String(r.seconds)]);
  const widths = head.map((h, k) => Math.min(60, Math.max(h.length, ...cells.map((c) => c[k]!.length))));
  const line = (c: string[]) => c.map((x, k) => x.padEnd(widths[k]!)).join('  ').trimEnd();
  const notes = rows.filter((r) => r.note).map((r) => `  ${r.id}: ${r.note}`);
  const counts = (['pass', 'fail', 'inconclusive', 'unavailable', 'error'] as const).map((s) => [s, rows.filter((r) => r.status === s).length] as const).filter(([, n]) => n > 0);
  return [line(head), ...cells.map(line), '', counts.map(([s, n]) => `${n} ${s}`).join(', '), ...(notes.length ? ['', ...notes] : [])].join('\n');
}
