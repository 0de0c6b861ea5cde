import { useSyncExternalStore } from 'react';
import type { Role } from '../../shared';
import { progressSummary } from './progress';
import type { RoomClient } from './room-client';

const LEVEL = ['', 'Level 1: first steps', 'Level 2: the nuances', 'Level 3: the common mistakes'];
const OUTCOME_MARK = { right: '✓', wrong: '✗', unknown: '?' } as const;

/** The exercises, easy to hard, with this participant's progress; the leader picks one for the room. */
export function ExercisesPanel({ room, role, busy }: { room: RoomClient; role: Role | null; busy: boolean }) {
  const s = useSyncExternalStore(room.store.subscribe, room.store.get);
  const { exercises, problems } = s.list;
  const leader = role === 'leader';
  const why = !leader ? 'The leader chooses the exercise; yours follows theirs.' : busy ? 'Wait for the run to end (or stop it) before choosing another exercise.' : null;
  if (exercises.length === 0 && problems.length === 0) return null;
  return (
    <section className="panel exercises" aria-labelledby="exercises-title" data-testid="exercises-panel">
      <h2 id="exercises-title">
        Exercises <span className="muted small">{progressSummary(s.progress, exercises.map((x) => x.id))}</span>
      </h2>
      {[1, 2, 3].map((level) => {
        const items = exercises.filter((x) => x.level === level);
        if (items.length === 0) return null;
        return (
          <div key={level} className="exercise-level">
            <h3>{LEVEL[level]}</h3>
            <ul>
              {items.map((x) => {
                const outcome = s.progress[x.id]?.outcome;
                const chosen = s.room.exerciseId === x.id;
                return (
                  <li key={x.id}>
                    <button
                      type="button"
                      className={chosen ? 'chosen' : undefined}
                      aria-current={chosen ? 'true' : undefined}
                      disabled={why !== null}
                      title={why ?? `${x.claim} (${x.runs})`}
                      data-testid={`exercise-${x.id}`}
                      onClick={() => void room.choose(chosen ? null : x.id)}
                    >
                      <span className="mark" aria-label={outcome ? `your prediction was ${outcome}` : 'not done yet'}>
                        {outcome ? OUTCOME_MARK[outcome] : '·'}
                      </span>
                      {x.title}
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
      {problems.length > 0 && (
        <details className="exercise-problems" open data-testid="exercise-problems">
          <summary>
            {problems.length} file{problems.length === 1 ? '' : 's'} did not load
          </summary>
          <ul>
            {problems.map((p) => (
              <li key={`${p.file}:${p.line}:${p.message}`}>
                <code>
                  {p.file}
                  {p.line > 0 ? `:${p.line}` : ''}
                </code>{' '}
                {p.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
