import type { PredictionView } from '../exercise/grade';
import type { AnswerValue } from './schema';

/** How many gave each answer of a choice or an ordering, most first (ties in the options' order). */
export interface Count {
  key: string;
  label: string;
  count: number;
}

/** The key of an answer for counting: an option id, or an ordering's ids joined. */
export function answerKey(answer: AnswerValue): string {
  return Array.isArray(answer) ? answer.join('>') : String(answer);
}

/** Counts of a choice's options (every option, even with 0) or of the orderings given. */
export function countAnswers(prediction: PredictionView, answers: readonly AnswerValue[]): Count[] {
  const counts = new Map<string, number>();
  for (const a of answers) counts.set(answerKey(a), (counts.get(answerKey(a)) ?? 0) + 1);
  if (prediction.kind === 'choice') return prediction.options.map((o) => ({ key: o.id, label: o.text, count: counts.get(o.id) ?? 0 }));
  if (prediction.kind === 'ordering') {
    const label = (key: string) => key.split('>').map((id) => prediction.items.find((i) => i.id === id)?.label ?? id).join(prediction.order === 'ascending' ? ' < ' : ' > ');
    return [...counts].map(([key, count]) => ({ key, label: label(key), count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  }
  return [];
}

export interface Bin {
  x0: number;
  x1: number;
  count: number;
}

/**
 * Histogram bins of numeric predictions, centred on multiples of their width:
 * twice the tolerance where that gives at most `maxBins` (a bar is then "right
 * within tolerance" around its centre), 1 for whole-number answers with no
 * tolerance, else a round width. One empty bin pads each side, and the
 * measured value, when given, is always inside the range.
 */
export function binNumbers(values: readonly number[], tolerance: number, measured: number | null = null, maxBins = 12): Bin[] {
  const all = measured === null ? [...values] : [...values, measured];
  if (all.length === 0) return [];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const span = hi - lo;
  let width = tolerance > 0 ? 2 * tolerance : all.every(Number.isInteger) ? 1 : niceStep(span / maxBins || Math.abs(lo) / 10 || 1);
  if (span / width > maxBins - 3) width = niceStep(span / (maxBins - 3));
  const first = Math.round(lo / width) - 1;
  const last = Math.round(hi / width) + 1;
  const bins: Bin[] = [];
  for (let k = first; k <= last; k++) bins.push({ x0: round((k - 0.5) * width), x1: round((k + 0.5) * width), count: 0 });
  for (const v of values) bins[Math.round(v / width) - first]!.count++;
  return bins;
}

/** 1, 2 or 5 times a power of ten, at least `raw`. */
function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
}

const round = (n: number): number => Math.round(n * 1e9) / 1e9;
