import { useId, useState } from 'react';
import { formatMs, type Annotation, type Task } from '../../shared';
import type { AppController } from '../app/controller';
import { draftOf, type NoteDraft } from '../app/notes';
import type { RunState } from '../app/run-state';
import type { ReplayClock } from '../../timeline/replay/replay-clock';
import type { TimelineViewState } from '../timeline/view-state';

/** Where a new note starts: at the replay's time, else the middle tenth of the window; on the selected task's lane. */
function freshDraft(view: TimelineViewState, clock: ReplayClock, state: RunState, taskIds: readonly string[]): NoteDraft {
  const t = clock.state.tMs;
  const { t0, t1 } = view.viewport;
  const mid = (t0 + t1) / 2;
  const startMs = t ?? Math.max(0, mid - (t1 - t0) * 0.05);
  const endMs = t ?? mid + (t1 - t0) * 0.05;
  const taskId = taskIds[view.selectedTask] ?? null;
  return { text: '', startMs: Math.round(startMs), endMs: Math.round(Math.max(startMs, Math.min(endMs, state.progress?.durationMs || endMs))), taskId, arrowTaskId: null };
}

/** A task picker with a "none" choice (null). */
function TaskSelect({ id, label, none, tasks, value, onChange }: { id: string; label: string; none: string; tasks: readonly Task[]; value: string | null; onChange: (taskId: string | null) => void }) {
  return (
    <div className="field inline">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">{none}</option>
        {tasks.map((t) => (
          <option key={t.id} value={t.id}>
            {t.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function when(n: Annotation): string {
  return n.endMs > n.startMs ? `${formatMs(n.startMs)}–${formatMs(n.endMs)}` : formatMs(n.startMs);
}

/**
 * The run's notes: listed (a click shows the note's range), written, edited
 * and deleted here; drawn on the timeline; saved in the trace (version 2
 * `annotations`) by Save trace, and in the Perfetto export.
 */
export function NotesPanel({ controller, state, view, clock }: { controller: AppController; state: RunState; view: TimelineViewState; clock: ReplayClock }) {
  const [editing, setEditing] = useState<{ id: string | null; draft: NoteDraft } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const taskIds = controller.model.tasks.map((t) => t.id);
  const label = (taskId: string | null) => state.tasks.find((t) => t.id === taskId)?.label ?? 'whole run';
  const canWrite = state.run !== null;

  const save = () => {
    if (!editing) return;
    const problem = controller.saveNote(editing.draft, editing.id);
    setError(problem);
    if (!problem) setEditing(null);
  };
  const set = (patch: Partial<NoteDraft>) => editing && setEditing({ ...editing, draft: { ...editing.draft, ...patch } });

  return (
    <section className="panel notes" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Notes</h2>
      {state.annotations.length === 0 && !editing && <p className="muted caption">No notes yet. A note marks a time range (and a task) on the timeline and is saved with the trace.</p>}
      <ul className="note-list">
        {state.annotations.map((n) => (
          <li key={n.id} data-note={n.id}>
            <button type="button" className="note-jump" onClick={() => view.showRange(n.startMs, n.endMs)} title="Show this range">
              <span className="note-when">{when(n)}</span> {n.text}
              <span className="muted"> · {label(n.taskId)}</span>
            </button>
            <button type="button" onClick={() => setEditing({ id: n.id, draft: draftOf(n) })} aria-label={`Edit note ${n.id}`}>
              Edit
            </button>
            <button type="button" onClick={() => controller.deleteNote(n.id)} aria-label={`Delete note ${n.id}`}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      {!editing && (
        <button type="button" disabled={!canWrite} onClick={() => (setError(null), setEditing({ id: null, draft: freshDraft(view, clock, state, taskIds) }))}>
          Add note
        </button>
      )}
      {editing && (
        <form
          className="note-form"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <div className="field wide">
            <label htmlFor={`${id}-text`}>Note</label>
            <input id={`${id}-text`} type="text" maxLength={2000} value={editing.draft.text} onChange={(e) => set({ text: e.target.value })} autoFocus />
          </div>
          <div className="field inline">
            <label htmlFor={`${id}-from`}>From (ms)</label>
            <input id={`${id}-from`} type="number" min={0} step="any" value={editing.draft.startMs} onChange={(e) => set({ startMs: e.target.valueAsNumber })} />
          </div>
          <div className="field inline">
            <label htmlFor={`${id}-to`}>To (ms)</label>
            <input id={`${id}-to`} type="number" min={0} step="any" value={editing.draft.endMs} onChange={(e) => set({ endMs: e.target.valueAsNumber })} />
          </div>
          <TaskSelect id={`${id}-task`} label="Task" none="whole run" tasks={state.tasks} value={editing.draft.taskId} onChange={(taskId) => set({ taskId })} />
          <TaskSelect id={`${id}-arrow`} label="Arrow to" none="no arrow" tasks={state.tasks} value={editing.draft.arrowTaskId} onChange={(arrowTaskId) => set({ arrowTaskId })} />
          <div className="buttons">
            <button type="submit" className="primary">
              {editing.id ? 'Save note' : 'Add'}
            </button>
            <button type="button" onClick={() => (setEditing(null), setError(null))}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
