import { agrees, measuredOrder, optionFor, type Measured, type MeasuredAnswer } from './grade';
import type { MeasureExpr, Quantity } from './measure';
import type { ExerciseFront } from './schema';

/** Finds a quantity's measured value; undefined when the run did not produce it. */
export type Lookup = (q: Quantity) => Measured | undefined;

export interface Evaluation {
  /** The measured value(s): one for number and choice, one per item for an ordering. */
  values: { id: string; value: Measured }[];
  /** The measured answer in the prediction's terms; null when a quantity is missing or no option holds. */
  measured: MeasuredAnswer;
  /** Whether the answer key agrees with the measurement. */
  keyAgrees: boolean;
  /** What was missing, when something was. */
  missing: string | null;
}

function valueOf(m: MeasureExpr, lookup: Lookup): Measured | string[] {
  const of = lookup(m.of);
  if (of === undefined) return [`${m.text.split('/')[0]!.trim()} was not measured`];
  if (!m.per) return of;
  const per = lookup(m.per);
  if (per === undefined) return [`${m.text.split('/')[1]!.trim()} was not measured`];
  if (typeof of !== 'number' || typeof per !== 'number' || per === 0) return [`${m.text}: cannot divide ${of} by ${per}`];
  return of / per;
}

/** Evaluates an exercise's answer against measured quantities (pure: the lookup holds the measurement). */
export function evaluate(front: Pick<ExerciseFront, 'prediction' | 'answer'>, lookup: Lookup): Evaluation {
  const p = front.prediction;
  const measures = p.kind === 'ordering' ? p.items.map((i) => ({ id: i.id, m: i.measure })) : [{ id: 'value', m: front.answer.measure! }];
  const values: { id: string; value: Measured }[] = [];
  for (const { id, m } of measures) {
    const v = valueOf(m, lookup);
    if (Array.isArray(v)) return { values, measured: null, keyAgrees: false, missing: v[0]! };
    values.push({ id, value: v });
  }
  let measured: MeasuredAnswer;
  if (p.kind === 'ordering') {
    if (values.some((v) => typeof v.value !== 'number')) return { values, measured: null, keyAgrees: false, missing: 'an ordering needs numbers' };
    measured = measuredOrder(p.order, values as { id: string; value: number }[]);
  } else if (p.kind === 'choice') measured = optionFor(p.options, values[0]!.value);
  else measured = values[0]!.value;
  return { values, measured, keyAgrees: agrees(p, front.answer.expect, measured), missing: null };
}
