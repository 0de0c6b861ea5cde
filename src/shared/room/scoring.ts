import { agrees, answerText, round, type MeasuredAnswer, type PredictionView } from '../exercise/grade';
import type { Exercise } from '../exercise/schema';
import type { AnswerValue, CardPrediction, ExerciseCard } from './schema';

export interface Score {
  /** right: agrees with the measurement; wrong: does not; unknown: nothing was measured. */
  outcome: 'right' | 'wrong' | 'unknown';
  /** One sentence for the result card. */
  text: string;
}

/** Whether an answer is of the prediction's kind (and names only its options or items). */
export function fitsPrediction(prediction: PredictionView, answer: AnswerValue): boolean {
  if (prediction.kind === 'number') return typeof answer === 'number';
  if (prediction.kind === 'choice') return typeof answer === 'string' && prediction.options.some((o) => o.id === answer);
  const ids = prediction.items.map((i) => i.id);
  return Array.isArray(answer) && answer.length === ids.length && ids.every((id) => answer.includes(id));
}

/** A participant's prediction against the measurement: right or wrong, and by how much, in words. */
export function scorePrediction(prediction: PredictionView, answer: AnswerValue, measured: MeasuredAnswer): Score {
  if (measured === null) return { outcome: 'unknown', text: 'Nothing was measured to compare with (see the message above).' };
  const right = agrees(prediction, answer, measured);
  if (prediction.kind === 'number' && typeof answer === 'number' && typeof measured === 'number') {
    const off = round(Math.abs(answer - measured));
    const unit = prediction.unit ? ` ${prediction.unit}` : '';
    return right
      ? { outcome: 'right', text: `Within the tolerance: ${off}${unit} from the measurement (± ${prediction.tolerance}${unit} allowed).` }
      : { outcome: 'wrong', text: `${off}${unit} ${answer > measured ? 'above' : 'below'} the measurement; ± ${prediction.tolerance}${unit} counts as right.` };
  }
  if (prediction.kind === 'ordering' && Array.isArray(answer) && Array.isArray(measured)) {
    const inPlace = answer.filter((id, k) => measured[k] === id).length;
    return { outcome: right ? 'right' : 'wrong', text: right ? 'The same order as measured.' : `${inPlace} of ${answer.length} in the measured place.` };
  }
  return { outcome: right ? 'right' : 'wrong', text: right ? 'The measurement picks the same answer.' : `The measurement says: ${answerText(prediction, measured)}.` };
}

/** What runs, in words, for the exercise list. */
function runsText(x: Exercise): string {
  const run = x.run;
  if ('preset' in run) return `preset ${run.preset}`;
  if ('params' in run) return `${run.params.workers ?? ''} ${run.params.kind ?? 'worker'}${run.params.workers === 1 ? '' : 's'}, ${run.params.workload ?? 'cpu'}`.trim();
  if ('command' in run) return `traced program: ${run.command.join(' ')}`.slice(0, 200);
  return `${run.compare.length} runs compared: ${run.compare.map((r) => r.label).join(' vs ')}`.slice(0, 200);
}

function cardPrediction(p: Exercise['prediction']): CardPrediction {
  if (p.kind === 'number') return { kind: 'number', unit: p.unit, tolerance: p.tolerance };
  if (p.kind === 'choice') return { kind: 'choice', options: p.options.map((o) => ({ id: o.id, text: o.text })) };
  return { kind: 'ordering', order: p.order, items: p.items.map((i) => ({ id: i.id, label: i.label })) };
}

const baseName = (file: string): string => file.split(/[\\/]/).at(-1) ?? file;

/** An exercise as sent to pages: without the answer key and without the host's folders. */
export function exerciseCard(x: Exercise): ExerciseCard {
  return {
    id: x.id,
    title: x.title,
    level: x.level,
    claim: x.claim,
    question: x.question,
    prediction: cardPrediction(x.prediction),
    measure: x.answer.measure?.text ?? null,
    explanation: x.explanation,
    whatIf: x.whatIf,
    body: x.body.slice(0, 20_000),
    file: baseName(x.file).slice(0, 255),
    runs: runsText(x),
  };
}

/** A problem's file as pages see it: the file's name only. */
export const problemFileName = baseName;
