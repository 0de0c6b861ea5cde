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
 * Histogram bins of numeric predictions, one tolerance wide where that gives
 * at most `maxBins` (so "within tolerance" is about one bar), else wider.
 * The measured value, when given, widens the range so it is always on the axis.
 */
export function binNumbers(values: readonly number[], tolerance: number, measured: number | null = null, maxBins = 12): Bin[] {
  const all = measured === null ? [...values] : [...values, measured];
  if (values.length === 0 && measured === null) return [];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const span = hi - lo;
  let width = tolerance > 0 ? tolerance : span / maxBins || 1;
  if (span / width > maxBins) width = niceStep(span / maxBins);
  const start = Math.floor(lo / width) * width;
  const n = Math.max(1, Math.floor((hi - start) / width) + 1);
  const bins: Bin[] = Array.from({ length: n }, (_, k) => ({ x0: round(start + k * width), x1: round(start + (k + 1) * width), count: 0 }));
  for (const v of values) bins[Math.min(n - 1, Math.max(0, Math.floor((v - start) / width)))]!.count++;
  return bins;
}

/** 1, 2 or 5 times a power of ten, at least `raw`. */
function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
}

const round = (n: number): number => Math.round(n * 1e9) / 1e9;
