import { IDLE_ROOM, scorePrediction, type AnswerValue, type BridgeClient, type BridgeEvent, type ExerciseCard, type ExerciseList, type MeasuredAnswer, type RoomState } from '../../shared';
import { Store } from '../app/store';
import { readProgress, withOutcome, withPrediction, writeProgress, type KeyValueStorage, type Progress } from './progress';

export interface ExerciseUiState {
  list: ExerciseList;
  room: RoomState;
  progress: Progress;
  /** This page's answer being edited for the room's exercise (not yet sent). */
  draft: AnswerValue | null;
  /** Whether this page's prediction reached the room (viewers) / was locked in (leader). */
  sent: boolean;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The page's side of the workshop room: the exercise list, the room's state
 * (kept at the highest version seen: an answer and an event may cross), this
 * participant's prediction and progress (localStorage). The same for the
 * Electron page and web mode's leader and viewers: only the commands a role
 * may send differ, and the server checks them.
 */
export class RoomClient {
  readonly store: Store<ExerciseUiState>;
  /** A room event arrived since getRoom was asked (then the answer may be older than what is shown). */
  private liveSinceRefresh = false;

  constructor(
    private readonly client: BridgeClient,
    private readonly fail: (text: string) => void,
    private readonly storage: KeyValueStorage | null,
    private readonly now: () => number = Date.now,
  ) {
    this.store = new Store<ExerciseUiState>({ list: { exercises: [], problems: [] }, room: IDLE_ROOM, progress: readProgress(storage), draft: null, sent: false }, 100);
  }

  /** Follows room events; call `refresh` whenever the connection (re)opens. */
  handle(event: BridgeEvent): void {
    if (event.type === 'room') {
      this.liveSinceRefresh = true;
      this.setRoom(event.room);
    }
    else if (event.type === 'exercises-changed') void this.refresh();
  }

  async refresh(): Promise<void> {
    this.liveSinceRefresh = false;
    try {
      const [list, room] = await Promise.all([this.client.invoke('listExercises', {}), this.client.invoke('getRoom', {})]);
      this.store.update((s) => ({ ...s, list }), true);
      // The server's answer is the truth (a restarted server counts versions from 0 again), unless a newer event came meanwhile.
      this.setRoom(room, !this.liveSinceRefresh);
      // A reloaded or reconnected page: its prediction for the room's exercise goes back into the room.
      const s = this.store.get();
      const saved = room.exerciseId ? s.progress[room.exerciseId] : undefined;
      if (room.exerciseId && saved?.answer != null && saved.outcome === null && room.phase !== 'result') void this.submit(saved.answer, true);
    } catch (e) {
      this.fail(`Could not list the exercises: ${message(e)}`);
    }
  }

  current(): ExerciseCard | null {
    const s = this.store.get();
    return s.list.exercises.find((x) => x.id === s.room.exerciseId) ?? null;
  }

  setDraft(draft: AnswerValue | null): void {
    this.store.update((s) => ({ ...s, draft, sent: false }), true);
  }

  /** Leader: puts an exercise in the room (null: none). */
  async choose(exerciseId: string | null): Promise<void> {
    await this.call(() => this.client.invoke('setRoom', { exerciseId }), 'Could not choose the exercise');
  }

  async reveal(shown: boolean): Promise<void> {
    await this.call(() => this.client.invoke('setRoom', { reveal: shown }), 'Could not change what the room sees');
  }

  /** Sends this page's prediction to the room and keeps it in the participant's progress. */
  async submit(answer: AnswerValue, quiet = false): Promise<boolean> {
    const id = this.store.get().room.exerciseId;
    if (!id) return false;
    this.saveProgress((p) => withPrediction(p, id, answer, this.now()));
    this.store.update((s) => ({ ...s, draft: answer }), true);
    const ok = await this.call(() => this.client.invoke('submitPrediction', { exerciseId: id, answer }), 'Could not send your prediction', quiet);
    if (ok) this.store.update((s) => ({ ...s, sent: true }), true);
    return ok;
  }

  /** Leader: runs the room's exercise (the prediction, if any, goes in first). */
  async run(): Promise<boolean> {
    const s = this.store.get();
    const id = s.room.exerciseId;
    if (!id) return false;
    if (s.draft !== null && !s.sent) await this.submit(s.draft);
    return this.call(() => this.client.invoke('startExercise', { exerciseId: id }), 'Could not run the exercise');
  }

  /** Keeps the newest room state: an event replayed to a new connection can be older than the one shown. */
  private setRoom(room: RoomState, force = false): void {
    const before = this.store.get().room;
    if (!force && room.version < before.version) return;
    const moved = room.exerciseId !== before.exerciseId;
    this.store.update((s) => {
      const saved = room.exerciseId ? s.progress[room.exerciseId] : undefined;
      return { ...s, room, ...(moved ? { draft: saved?.answer ?? null, sent: false } : {}) };
    }, true);
    if (room.phase === 'result' && room.result && room.exerciseId) this.scoreResult(room.exerciseId, room.result.measured);
  }

  /** Once the measurement is in, this participant's prediction is scored and kept. */
  private scoreResult(id: string, measured: MeasuredAnswer): void {
    const s = this.store.get();
    const card = s.list.exercises.find((x) => x.id === id);
    const answer = s.progress[id]?.answer ?? s.draft;
    if (!card || answer === null || answer === undefined) return;
    const outcome = scorePrediction(card.prediction, answer, measured).outcome;
    if (s.progress[id]?.outcome !== outcome) this.saveProgress((p) => withOutcome(withPrediction(p, id, answer, this.now()), id, outcome, this.now()));
  }

  private saveProgress(change: (p: Progress) => Progress): void {
    this.store.update((s) => {
      const progress = change(s.progress);
      writeProgress(this.storage, progress);
      return { ...s, progress };
    }, true);
  }

  private async call(request: () => Promise<unknown>, failure: string, quiet = false): Promise<boolean> {
    try {
      await request();
      return true;
    } catch (e) {
      if (!quiet) this.fail(`${failure}: ${message(e)}`);
      return false;
    }
  }
}
