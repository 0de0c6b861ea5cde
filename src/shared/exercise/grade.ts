import type { Prediction } from './schema';

/** What grading and wording need of a prediction (a page's copy has no thresholds or measures: PredictionView). */
export type PredictionView =
  | { kind: 'number'; unit: string; tolerance: number }
  | { kind: 'choice'; options: readonly { id: string; text: string }[] }
  | { kind: 'ordering'; order: 'ascending' | 'descending'; items: readonly { id: string; label: string }[] };

/** A measured answer: a number or a word (a verdict status). */
export type Measured = number | string;

/** The option of a choice that the measured value selects, or null when none holds. */
export function optionFor(options: Extract<Prediction, { kind: 'choice' }>['options'], value: Measured): string | null {
  const holds = (w: (typeof options)[number]['when']) =>
    (w.equals === undefined || w.equals === value) &&
    (w.below === undefined || (typeof value === 'number' && value < w.below)) &&
    (w.atLeast === undefined || (typeof value === 'number' && value >= w.atLeast));
  return options.find((o) => holds(o.when))?.id ?? null;
}

/** Item ids in the measured order (ascending or descending by value; ties keep the file's order). */
export function measuredOrder(order: 'ascending' | 'descending', values: { id: string; value: number }[]): string[] {
  const sign = order === 'ascending' ? 1 : -1;
  return [...values].sort((a, b) => sign * (a.value - b.value)).map((v) => v.id);
}

/** What the measurement says the answer is, in the prediction's own terms (a number, an option id, an order). */
export type MeasuredAnswer = number | string | string[] | null;

/** Does an answer (the key's or a participant's) agree with what was measured? */
export function agrees(prediction: PredictionView, answer: number | string | string[], measured: MeasuredAnswer): boolean {
  if (measured === null) return false;
  if (prediction.kind === 'number') return typeof answer === 'number' && typeof measured === 'number' && Math.abs(answer - measured) <= prediction.tolerance;
  if (prediction.kind === 'choice') return answer === measured;
  return Array.isArray(answer) && Array.isArray(measured) && answer.length === measured.length && answer.every((id, k) => id === measured[k]);
}

/** The answer in words: "0.5 x (± 0.25)", an option's text, "a < b < c". */
export function answerText(prediction: PredictionView, answer: MeasuredAnswer): string {
  if (answer === null) return '(no option holds)';
  if (prediction.kind === 'number') return typeof answer === 'number' ? `${round(answer)}${prediction.unit ? ` ${prediction.unit}` : ''}` : String(answer);
  if (prediction.kind === 'choice') return prediction.options.find((o) => o.id === answer)?.text ?? String(answer);
  const sep = prediction.order === 'ascending' ? ' < ' : ' > ';
  return (Array.isArray(answer) ? answer : [String(answer)]).map((id) => prediction.items.find((i) => i.id === id)?.label ?? id).join(sep);
}

export function round(n: number): number {
  return Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 1000) / 1000;
}
