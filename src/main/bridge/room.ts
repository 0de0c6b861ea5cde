import { fitsPrediction, IDLE_ROOM, type AnswerValue, type BridgeEvent, type Caller, type Prediction, type RoomResult, type RoomState } from '../../shared';
import { UserError } from './messages';
import { RateLimit } from './rate-limit';

/** Predictions one connection may send per window (changing one's mind a few times is fine; a script is not). */
export const PREDICTION_RATE = { max: 5, windowMs: 10_000 } as const;
/** The Electron page and the front end's own calls have no connection number: they count as one participant. */
const OWN_PAGE = -1;

/**
 * The workshop room: which exercise the leader chose, its phase, one current
 * prediction per connection (anonymous), and the result once the run ended.
 * Every change goes out whole in a `room` event; a page that connects asks
 * getRoom once. It never throws anything but a UserError with what to do.
 */
export class Room {
  private state: RoomState = IDLE_ROOM;
  private prediction: Prediction | null = null;
  private readonly answers = new Map<number, AnswerValue>();
  private readonly rate = new RateLimit(PREDICTION_RATE.max, PREDICTION_RATE.windowMs);

  constructor(private readonly emit: (event: BridgeEvent) => void) {}

  get(): RoomState {
    return this.state;
  }

  /** The leader chose an exercise (or none): a fresh question, no predictions, hidden. */
  choose(exercise: { id: string; prediction: Prediction } | null): RoomState {
    this.answers.clear();
    this.prediction = exercise?.prediction ?? null;
    return this.change({ exerciseId: exercise?.id ?? null, phase: exercise ? 'question' : 'idle', runId: null, reveal: false, result: null });
  }

  reveal(shown: boolean): RoomState {
    return this.change({ reveal: shown });
  }

  running(runId: string): void {
    this.change({ phase: 'running', runId, result: null });
  }

  finished(result: RoomResult): void {
    this.change({ phase: 'result', result });
  }

  /** The run of the exercise did not give a result (stopped, failed): back to the question, predictions kept. */
  interrupted(): void {
    this.change({ phase: 'question' });
  }

  submit(caller: Caller, exerciseId: string, answer: AnswerValue): number {
    const key = caller.connection ?? OWN_PAGE;
    if (this.state.exerciseId === null || !this.prediction) throw new UserError('There is no exercise in the room yet: wait for the leader to choose one');
    if (exerciseId !== this.state.exerciseId) throw new UserError(`The room has moved on to another exercise (${this.state.exerciseId}); your page will show it`);
    if (this.state.phase === 'result') throw new UserError('The result is out: predictions for this exercise are closed');
    if (!fitsPrediction(this.prediction, answer)) throw new UserError(`That answer does not fit this question (it asks for ${this.prediction.kind === 'number' ? 'a number' : this.prediction.kind === 'choice' ? 'one of its options' : 'every item once, in order'})`);
    if (!this.rate.take(key)) throw new UserError(`Too many predictions at once: at most ${PREDICTION_RATE.max} in ${PREDICTION_RATE.windowMs / 1000} s`);
    this.answers.set(key, answer);
    this.change({});
    return this.answers.size;
  }

  /** A connection closed: its prediction leaves the room (a reloaded page sends its own again). */
  forget(connection: number): void {
    this.rate.forget(connection);
    if (this.answers.delete(connection)) this.change({});
  }

  private change(patch: Partial<RoomState>): RoomState {
    this.state = { ...this.state, ...patch, version: this.state.version + 1, answers: [...this.answers.values()] };
    this.emit({ type: 'room', room: this.state });
    return this.state;
  }
}
