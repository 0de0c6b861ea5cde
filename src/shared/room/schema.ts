import { z } from 'zod';

/**
 * The room of a workshop (web mode with viewers): the exercise the leader
 * chose, its phase, the participants' predictions (anonymous) and, once the
 * run ended, what was measured. The host owns it (src/main/bridge/room.ts) and
 * broadcasts it whole in a `room` event whenever it changes.
 */

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);

/** Bounds on what a participant may send: one small answer. */
export const PREDICTION_LIMITS = { maxItems: 6, maxNumber: 1e9 } as const;

/** A participant's answer: a number, an option id, or item ids in order. */
export const AnswerValueSchema = z.union([
  z.number().finite().min(-PREDICTION_LIMITS.maxNumber).max(PREDICTION_LIMITS.maxNumber),
  Id,
  z.array(Id).min(2).max(PREDICTION_LIMITS.maxItems),
]);
export type AnswerValue = z.infer<typeof AnswerValueSchema>;

export const SubmitPredictionArgsSchema = z.object({ exerciseId: Id, answer: AnswerValueSchema }).strict();

export const ROOM_PHASES = ['idle', 'question', 'running', 'result'] as const;
export type RoomPhase = (typeof ROOM_PHASES)[number];

export const RoomResultSchema = z.object({
  /** The measured value(s): one for number and choice, one per item for an ordering. */
  values: z.array(z.object({ id: z.string().max(64), value: z.union([z.number(), z.string().max(64)]) })).max(8),
  /** The measured answer in the prediction's terms (a number, an option id, item ids in order); null when none. */
  measured: z.union([z.number(), z.string().max(64), z.array(z.string().max(64)).max(8)]).nullable(),
  /** Why nothing was measured (a quantity missing, the run failed). */
  missing: z.string().max(1000).nullable(),
  /** The run whose verdict card belongs to this result (a preset's last run). */
  runId: z.string().max(64).nullable(),
});
export type RoomResult = z.infer<typeof RoomResultSchema>;

export const RoomStateSchema = z.object({
  /** Grows with every change: a page keeps the highest it saw (an answer and an event may cross). */
  version: z.number().int().nonnegative(),
  exerciseId: Id.nullable(),
  phase: z.enum(ROOM_PHASES),
  /** The run going on for the exercise, once started. */
  runId: z.string().max(64).nullable(),
  /** Whether the leader shows the room's predictions (and the result) to everyone. */
  reveal: z.boolean(),
  /** The current prediction of every connected participant, anonymous; at most one per connection. */
  answers: z.array(AnswerValueSchema).max(64),
  result: RoomResultSchema.nullable(),
});
export type RoomState = z.infer<typeof RoomStateSchema>;

export const IDLE_ROOM: RoomState = { version: 0, exerciseId: null, phase: 'idle', runId: null, reveal: false, answers: [], result: null };

/** A prediction as pages get it: without the options' thresholds and the items' measures (they would give the answer away). */
export const CardPredictionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('number'), unit: z.string().max(24), tolerance: z.number().nonnegative() }),
  z.object({ kind: z.literal('choice'), options: z.array(z.object({ id: Id, text: z.string().max(120) })).min(2).max(6) }),
  z.object({ kind: z.literal('ordering'), order: z.enum(['ascending', 'descending']), items: z.array(z.object({ id: Id, label: z.string().max(120) })).min(2).max(6) }),
]);
export type CardPrediction = z.infer<typeof CardPredictionSchema>;

/** An exercise as the page gets it: no file path of the host, and no answer key (participants could read it). */
export const ExerciseCardSchema = z.object({
  id: Id,
  title: z.string().max(120),
  level: z.number().int().min(1).max(3),
  claim: z.string().max(3000),
  question: z.string().max(3000),
  prediction: CardPredictionSchema,
  /** What measured quantity answers it, in words for the result card. */
  measure: z.string().max(200).nullable(),
  explanation: z.string().max(3000),
  whatIf: z.string().max(3000),
  /** The participant text (Markdown). */
  body: z.string().max(20_000),
  /** The file's name (not its folder). */
  file: z.string().max(255),
  /** What runs, in words: "preset gil-cpu-threads", "2 runs compared". */
  runs: z.string().max(200),
});
export type ExerciseCard = z.infer<typeof ExerciseCardSchema>;

export const ExerciseListSchema = z.object({
  exercises: z.array(ExerciseCardSchema).max(500),
  /** Files that did not load: "name.md", line, what is wrong. */
  problems: z.array(z.object({ file: z.string().max(255), line: z.number().int().nonnegative(), message: z.string().max(1000) })).max(500),
});
export type ExerciseList = z.infer<typeof ExerciseListSchema>;
