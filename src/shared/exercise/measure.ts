/**
 * What answers an exercise: a measure expression, one quantity or the ratio of
 * two ("numbers.parallelism / numbers.contrastParallelism"). A quantity is
 *   status            the preset verdict's status (a word, not a number)
 *   numbers.KEY       a preset verdict's `verdict.numbers` entry (its `raw` as fallback)
 *   raw.KEY           a preset verdict's `raw` entry
 *   METRIC            a metric of the one run (params or command)
 *   RUN.METRIC        a metric of the compared run with id RUN
 */

/** Metrics the exercise runner computes from a run's trace (src/main/exercises/run-metrics.ts). */
export const RUN_METRICS = ['parallelism', 'readyParallelism', 'wallMs', 'workerCpuMs', 'threadCpuMs', 'unitsPerSecond', 'spawnMs', 'addressSpaces', 'workers'] as const;
export type RunMetric = (typeof RUN_METRICS)[number];

export type Quantity =
  | { from: 'status' }
  | { from: 'numbers' | 'raw'; key: string }
  | { from: 'metric'; run: string | null; metric: RunMetric };

export interface MeasureExpr {
  text: string;
  of: Quantity;
  per: Quantity | null;
}

const KEY = /^[A-Za-z0-9_.-]{1,64}$/;

function parseQuantity(text: string): Quantity {
  if (text === 'status') return { from: 'status' };
  const dot = text.indexOf('.');
  const head = dot < 0 ? text : text.slice(0, dot);
  const rest = dot < 0 ? '' : text.slice(dot + 1);
  if ((head === 'numbers' || head === 'raw') && KEY.test(rest)) return { from: head, key: rest };
  const metric = (dot < 0 ? head : rest) as RunMetric;
  if (!RUN_METRICS.includes(metric)) {
    throw new Error(`'${text}' is not a measured quantity: use status, numbers.KEY, raw.KEY, a metric (${RUN_METRICS.join(', ')}) or RUN.METRIC`);
  }
  return { from: 'metric', run: dot < 0 ? null : head, metric };
}

/** Parses "A" or "A / B"; throws with a sentence saying what is wrong. */
export function parseMeasure(text: string): MeasureExpr {
  const parts = text.split('/').map((p) => p.trim());
  if (parts.length > 2 || parts.some((p) => p === '')) throw new Error(`measure '${text}' must be one quantity or "A / B"`);
  const of = parseQuantity(parts[0]!);
  const per = parts.length === 2 ? parseQuantity(parts[1]!) : null;
  if (per && (of.from === 'status' || per.from === 'status')) throw new Error(`measure '${text}': status is a word and cannot be divided`);
  return { text, of, per };
}

/** The quantities of an expression (for checks against the exercise's runs). */
export function quantitiesOf(m: MeasureExpr): Quantity[] {
  return m.per ? [m.of, m.per] : [m.of];
}
