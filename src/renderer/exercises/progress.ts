import { z } from 'zod';
import { AnswerValueSchema, type AnswerValue } from '../../shared';

/**
 * A participant's progress through the exercises, kept in this browser
 * (localStorage), so it survives reloads: per exercise, the last prediction
 * and how it compared with the measurement. Read defensively: another
 * version's or a hand-edited entry is dropped, never thrown.
 */
export const PROGRESS_KEY = 'corelanes.exercises.progress.v1';

const EntrySchema = z.object({
  answer: AnswerValueSchema.nullable(),
  outcome: z.enum(['right', 'wrong', 'unknown']).nullable(),
  at: z.number(),
});
export type ProgressEntry = z.infer<typeof EntrySchema>;
export type Progress = Record<string, ProgressEntry>;

/** Just what is used of window.localStorage (tests pass a Map-backed one). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const MAX_ENTRIES = 500;

export function readProgress(storage: KeyValueStorage | null): Progress {
  let text: string | null = null;
  try {
    text = storage?.getItem(PROGRESS_KEY) ?? null;
  } catch {
    return {}; // storage refused (privacy mode, a sandboxed frame)
  }
  if (!text) return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return {};
  const out: Progress = {};
  for (const [id, entry] of Object.entries(json).slice(0, MAX_ENTRIES)) {
    const parsed = EntrySchema.safeParse(entry);
    if (parsed.success && /^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) out[id] = parsed.data;
  }
  return out;
}

/** Saves; a full or refused storage is not an error the user can act on, so it is ignored. */
export function writeProgress(storage: KeyValueStorage | null, progress: Progress): void {
  try {
    storage?.setItem(PROGRESS_KEY, JSON.stringify(progress));
  } catch {
    /* quota or privacy mode: progress lasts for this page only */
  }
}

export function withPrediction(progress: Progress, id: string, answer: AnswerValue, now: number): Progress {
  return { ...progress, [id]: { answer, outcome: null, at: now } };
}

export function withOutcome(progress: Progress, id: string, outcome: ProgressEntry['outcome'], now: number): Progress {
  const entry = progress[id];
  return { ...progress, [id]: { answer: entry?.answer ?? null, outcome, at: now } };
}

/** "3 of 14 done, 2 right", for the panel's heading. */
export function progressSummary(progress: Progress, ids: readonly string[]): string {
  const done = ids.filter((id) => progress[id]?.outcome);
  const right = done.filter((id) => progress[id]?.outcome === 'right').length;
  return `${done.length} of ${ids.length} done${done.length ? `, ${right} right` : ''}`;
}
