import { z } from 'zod';
import { RunParamsSchema } from '../scenario/schema';
import { parseMeasure, quantitiesOf, type MeasureExpr } from './measure';

/** An exercise file's front matter (docs/workshop.md, "Writing exercises"). */

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lower-case letters, digits and dashes (at most 64)');
const Label = z.string().min(1).max(120);
const Text = z.string().min(1).max(3000);
const Measure = z.string().min(1).max(200).transform((text, ctx): MeasureExpr => {
  try {
    return parseMeasure(text);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
    return z.NEVER;
  }
});
const Params = RunParamsSchema.partial();
/** A program to trace, as argv; it runs in the exercise file's folder, so a bundled script is a relative path. */
const Command = z.array(z.string().min(1).max(500)).min(1).max(32);

const CompareItem = z
  .object({ id: Id, label: Label, params: Params.optional(), command: Command.optional() })
  .strict()
  .refine((r) => (r.params === undefined) !== (r.command === undefined), { message: 'each compared run has either params or command' });

/** What runs: a preset, one run of params, one traced program, or 2-4 runs to compare. */
export const ExerciseRunSchema = z.union([
  z.object({ preset: Id, durationS: z.number().positive().max(60).optional() }).strict(),
  z.object({ params: Params, repeats: z.number().int().min(1).max(5).default(1) }).strict(),
  z.object({ command: Command, maxDurationS: z.number().positive().max(120).default(30) }).strict(),
  z.object({ compare: z.array(CompareItem).min(2).max(4) }).strict(),
]);
export type ExerciseRun = z.infer<typeof ExerciseRunSchema>;

/** A choice's option holds when the measured value is in its range (below / atLeast) or equals it. */
const When = z
  .object({ below: z.number().optional(), atLeast: z.number().optional(), equals: z.union([z.number(), z.string()]).optional() })
  .strict()
  .refine((w) => w.below !== undefined || w.atLeast !== undefined || w.equals !== undefined, { message: 'say below, atLeast or equals' });
const Option = z.object({ id: Id, text: Label, when: When }).strict();
const Item = z.object({ id: Id, label: Label, measure: Measure }).strict();

export const PredictionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('number'), unit: z.string().max(24), tolerance: z.number().nonnegative() }).strict(),
  z.object({ kind: z.literal('choice'), options: z.array(Option).min(2).max(6) }).strict(),
  z.object({ kind: z.literal('ordering'), order: z.enum(['ascending', 'descending']).default('ascending'), items: z.array(Item).min(2).max(6) }).strict(),
]);
export type Prediction = z.infer<typeof PredictionSchema>;

export const AnswerSchema = z
  .object({
    /** What answers it (number and choice; an ordering's items carry their own). */
    measure: Measure.optional(),
    /** The answer key: a number (number), an option id (choice), the item ids in order (ordering). */
    expect: z.union([z.number(), Id, z.array(Id)]),
  })
  .strict();

export const ExerciseFrontSchema = z
  .object({
    id: Id,
    title: Label,
    level: z.number().int().min(1).max(3),
    claim: Text,
    run: ExerciseRunSchema,
    question: Text,
    prediction: PredictionSchema,
    answer: AnswerSchema,
    explanation: Text,
    whatIf: Text,
  })
  .strict()
  .superRefine((x, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const p = x.prediction;
    const e = x.answer.expect;
    if (p.kind === 'number' && typeof e !== 'number') issue(['answer', 'expect'], 'a number prediction expects a number');
    if (p.kind === 'choice' && (typeof e !== 'string' || !p.options.some((o) => o.id === e))) {
      issue(['answer', 'expect'], `a choice expects one of the option ids: ${p.options.map((o) => o.id).join(', ')}`);
    }
    if (p.kind === 'ordering') {
      const ids = p.items.map((i) => i.id);
      if (!Array.isArray(e) || e.length !== ids.length || !ids.every((id) => e.includes(id))) issue(['answer', 'expect'], `an ordering expects every item id once: ${ids.join(', ')}`);
      if (x.answer.measure) issue(['answer', 'measure'], 'an ordering measures each item (items[].measure), not the answer');
    } else if (!x.answer.measure) issue(['answer'], 'measure is required: what measured quantity answers the question');
    const measures = p.kind === 'ordering' ? p.items.map((i, k) => ({ m: i.measure, path: ['prediction', 'items', k, 'measure'] })) : x.answer.measure ? [{ m: x.answer.measure, path: ['answer', 'measure'] }] : [];
    for (const { m, path } of measures) {
      const problem = quantitiesOf(m).map((q) => quantityProblem(q, x.run)).find((s) => s !== null);
      if (problem) issue(path, problem);
    }
    if (p.kind === 'number' && quantitiesOf(x.answer.measure ?? { of: { from: 'status' }, per: null, text: '' }).some((q) => q.from === 'status')) {
      issue(['answer', 'measure'], 'a number prediction needs a numeric measure, not status');
    }
  });

/** Why a quantity cannot come from this run, or null when it can. */
function quantityProblem(q: ReturnType<typeof quantitiesOf>[number], run: ExerciseRun): string | null {
  const isPreset = 'preset' in run;
  if (q.from !== 'metric') return isPreset ? null : `${q.from === 'status' ? 'status' : `${q.from}.${q.key}`} needs a preset run (a verdict)`;
  if ('compare' in run) {
    if (q.run === null) return `${q.metric}: say which compared run (${run.compare.map((r) => r.id).join(', ')}), as RUN.${q.metric}`;
    return run.compare.some((r) => r.id === q.run) ? null : `no compared run has id '${q.run}' (${run.compare.map((r) => r.id).join(', ')})`;
  }
  if (isPreset) return `${q.metric} is a metric of a plain run; a preset answers with numbers.KEY, raw.KEY or status`;
  return q.run === null ? null : `'${q.run}.${q.metric}': this exercise has one run; write ${q.metric}`;
}

export type ExerciseFront = z.infer<typeof ExerciseFrontSchema>;

/** A loaded exercise: its front matter, the participant text, and where it came from. */
export interface Exercise extends ExerciseFront {
  body: string;
  file: string;
}
