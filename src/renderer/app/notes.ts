import { AnnotationSchema, TRACE_LIMITS, type Annotation, type Task } from '../../shared';

/** What the note form holds: text, a time range in ms, a task's lane (or none) and an arrow target (or none). */
export interface NoteDraft {
  text: string;
  startMs: number;
  endMs: number;
  taskId: string | null;
  /** The arrow points at this task's lane in the middle of the range. */
  arrowTaskId: string | null;
}

/** A fresh id: n1, n2, ... past the highest used. */
export function nextNoteId(notes: readonly Annotation[]): string {
  let max = 0;
  for (const n of notes) {
    const m = /^n(\d+)$/.exec(n.id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `n${max + 1}`;
}

/**
 * A draft as an annotation of the trace (schema v2), or a sentence saying
 * what to fix: empty text, a range that ends before it starts or lies outside
 * the run, a task that is not in the run, too many notes.
 */
export function noteFromDraft(draft: NoteDraft, id: string, tasks: readonly Task[], runEndMs: number, count: number): Annotation | string {
  const text = draft.text.trim();
  if (text === '') return 'Write the note first.';
  if (!Number.isFinite(draft.startMs) || !Number.isFinite(draft.endMs)) return 'The note needs a start and an end time, in ms.';
  const startMs = Math.min(draft.startMs, draft.endMs);
  const endMs = Math.max(draft.startMs, draft.endMs);
  if (startMs < 0 || startMs > runEndMs) return `The note's time must lie within the run (0 to ${Math.round(runEndMs)} ms).`;
  const known = new Set(tasks.map((t) => t.id));
  if (draft.taskId !== null && !known.has(draft.taskId)) return 'That task is not in this run.';
  if (draft.arrowTaskId !== null && !known.has(draft.arrowTaskId)) return 'The arrow points at a task that is not in this run.';
  if (count >= TRACE_LIMITS.maxAnnotations) return `A trace holds up to ${TRACE_LIMITS.maxAnnotations} notes.`;
  const parsed = AnnotationSchema.safeParse({
    id,
    startMs,
    endMs: Math.min(endMs, Math.max(runEndMs, startMs)),
    taskId: draft.taskId,
    text,
    arrow: draft.arrowTaskId === null ? null : { taskId: draft.arrowTaskId, tMs: (startMs + endMs) / 2 },
  });
  return parsed.success ? parsed.data : `The note cannot be saved: ${parsed.error.issues[0]?.message ?? 'invalid'}.`;
}

export function draftOf(note: Annotation): NoteDraft {
  return { text: note.text, startMs: note.startMs, endMs: note.endMs, taskId: note.taskId, arrowTaskId: note.arrow?.taskId ?? null };
}
