import { answerText, type Exercise, type Prediction } from '../../../shared';

/** How to answer, in words, for the prompt and for the printed question. */
export function howToAnswer(p: Prediction): string {
  if (p.kind === 'number') return `Answer with a number${p.unit ? ` (${p.unit})` : ''}; within ± ${p.tolerance} counts as right.`;
  if (p.kind === 'choice') return `Choose one:\n${p.options.map((o, k) => `  ${k + 1}. ${o.text}`).join('\n')}`;
  return `Put these in ${p.order} order (${p.order === 'ascending' ? 'smallest' : 'largest'} first), by number:\n${p.items.map((i, k) => `  ${k + 1}. ${i.label}`).join('\n')}`;
}

/** The participant's view before the run: title, text, question. */
export function questionText(x: Exercise): string {
  return [`${x.title}  (level ${x.level}, ${x.id})`, '', x.body, '', `Claim: ${x.claim}`, '', `Question: ${x.question}`, howToAnswer(x.prediction)].join('\n');
}

/** A typed prediction in the exercise's terms: "1.5", "2" (the option's number), "2 1 3"; null when it does not parse. */
export function parsePrediction(p: Prediction, typed: string): number | string | string[] | null {
  const t = typed.trim();
  if (p.kind === 'number') {
    const n = Number(t);
    return t !== '' && Number.isFinite(n) ? n : null;
  }
  const picks = t.split(/[\s,]+/).filter(Boolean).map(Number);
  if (p.kind === 'choice') return picks.length === 1 ? (p.options[picks[0]! - 1]?.id ?? null) : null;
  const ids = picks.map((k) => p.items[k - 1]?.id);
  return ids.length === p.items.length && ids.every((id) => id !== undefined) && new Set(ids).size === ids.length ? (ids as string[]) : null;
}

export { answerText };
