import { useSyncExternalStore } from 'react';
import { answerText, round, scorePrediction, type ExerciseCard, type Role, type RoomState, type Verdict } from '../../shared';
import { VerdictCard } from '../panels/verdict';
import './exercises.css';
import { Markdown } from './Markdown';
import { PredictionInput } from './PredictionInput';
import { RoomTally } from './RoomTally';
import type { RoomClient } from './room-client';

interface Props {
  room: RoomClient;
  role: Role | null;
  /** A run is going on (any run): the leader cannot start another. */
  busy: boolean;
  connected: boolean;
  verdict: Verdict | null;
  /** Presentation mode: bigger text and plot. */
  large: boolean;
}

const STEP: Record<RoomState['phase'], string> = { idle: '', question: '1. Read · 2. Predict', running: '3. Running, live', result: '4. Measured · 5. What if' };

function measuredValues(card: ExerciseCard, room: RoomState): string {
  const r = room.result;
  if (!r) return '';
  if (card.prediction.kind === 'ordering') {
    const p = card.prediction;
    return r.values.map((v) => `${p.items.find((i) => i.id === v.id)?.label ?? v.id}: ${typeof v.value === 'number' ? round(v.value) : v.value}`).join(' · ');
  }
  const v = r.values[0]?.value;
  return v === undefined ? '' : `${card.measure ?? 'measured'} = ${typeof v === 'number' ? round(v) : v}`;
}

/** The room's exercise: its text and question, the prediction, Run (leader), then the measurement against the prediction. */
export function ExerciseStage({ room, role, busy, connected, verdict, large }: Props) {
  const s = useSyncExternalStore(room.store.subscribe, room.store.get);
  const card = s.list.exercises.find((x) => x.id === s.room.exerciseId);
  if (!card) return null;
  const leader = role === 'leader';
  const phase = s.room.phase;
  const result = phase === 'result' ? s.room.result : null;
  const mine = s.progress[card.id]?.answer ?? s.draft;
  const score = result && mine !== null && mine !== undefined ? scorePrediction(card.prediction, mine, result.measured) : null;
  const closed = phase === 'result';
  const runWhy = !leader ? 'Only the leader runs the exercise; you see the run live here.' : busy ? 'A run is going on: wait for it or stop it.' : !connected ? 'Not connected to Corelanes.' : null;
  const showTally = leader || s.room.reveal;
  return (
    <section className={`exercise-stage phase-${phase}${large ? ' large' : ''}`} aria-labelledby="exercise-stage-title" data-testid="exercise-stage" data-phase={phase}>
      <header>
        <span className="level">Level {card.level}</span>
        <h2 id="exercise-stage-title">{card.title}</h2>
        <span className="muted step">{STEP[phase]}</span>
        {leader && (
          <button type="button" className="close" onClick={() => void room.choose(null)} title="Leave the exercise (the room sees no exercise)" disabled={busy}>
            Close
          </button>
        )}
      </header>
      <div className="exercise-columns">
        <div className="exercise-text">
          <Markdown text={card.body} />
          <p className="question" data-testid="exercise-question">
            <strong>Question.</strong> {card.question}
          </p>
          <PredictionInput prediction={card.prediction} value={s.draft} onChange={(v) => room.setDraft(v)} disabled={closed} onEnter={() => s.draft !== null && void room.submit(s.draft)} />
          <div className="buttons">
            <button type="button" data-testid="prediction-submit" disabled={closed || s.draft === null || !connected} onClick={() => s.draft !== null && void room.submit(s.draft)} title={closed ? 'The result is out' : 'Send your prediction to the room (you can change it until the result is out)'}>
              {s.sent ? 'Prediction sent ✓' : 'Send prediction'}
            </button>
            <button type="button" className="primary" data-testid="exercise-run" disabled={runWhy !== null} title={runWhy ?? 'Run the exercise on this machine, live (your prediction is sent first)'} onClick={() => void room.run()}>
              {leader && phase === 'result' ? 'Run again' : 'Run'}
            </button>
          </div>
          {result && (
            <div className="exercise-result" data-testid="exercise-result">
              <p>
                <strong>Measured:</strong> <span data-testid="exercise-measured">{result.measured === null ? 'nothing' : answerText(card.prediction, result.measured)}</span>
                <span className="muted"> ({measuredValues(card, s.room) || result.missing})</span>
              </p>
              {mine !== null && mine !== undefined && (
                <p className={`score score-${score?.outcome}`} data-testid="exercise-score">
                  <strong>You predicted:</strong> {answerText(card.prediction, mine)} — {score?.outcome === 'right' ? '✓ right. ' : score?.outcome === 'wrong' ? '✗ not this time. ' : ''}
                  {score?.text}
                </p>
              )}
              <p>
                <strong>Why.</strong> {card.explanation}
              </p>
              <p className="what-if">
                <strong>What if…</strong> {card.whatIf}
              </p>
              {large && <VerdictCard verdict={verdict} headingId="exercise-verdict-title" />}
            </div>
          )}
        </div>
        {showTally && (
          <aside className="room-panel" aria-labelledby="room-title" data-testid="room-panel">
            <h3 id="room-title">
              The room
              {leader && (
                <button type="button" className="reveal" aria-pressed={s.room.reveal} onClick={() => void room.reveal(!s.room.reveal)} title="Show or hide the room's predictions (and the result) on every participant's screen">
                  {s.room.reveal ? 'Hide from the room' : 'Reveal to the room'}
                </button>
              )}
            </h3>
            <RoomTally prediction={card.prediction} answers={s.room.answers} measured={result?.measured ?? null} large={large} />
          </aside>
        )}
      </div>
    </section>
  );
}
