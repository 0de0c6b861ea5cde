import type { AnswerValue, BridgeEvent, Caller } from '../../shared';
import type { PresetExtras, RunContext } from './active-run';
import { ExerciseShelf } from './exercise-shelf';
import { startExerciseRun } from './exercise-run';
import type { ActiveRun } from './active-run';
import { Room } from './room';

type Args = Record<string, unknown>;

export interface RoomCommandDeps {
  ctx: RunContext;
  emit(event: BridgeEvent): void;
  dirs?: () => readonly string[];
  extras: PresetExtras & { samplerEntry?: string };
  /** The service's one run at a time. */
  beginRun(start: () => ActiveRun): Promise<{ runId: string }>;
}

/** The workshop's commands of the bridge service: the exercises on offer, the room, running an exercise, predictions. */
export function roomCommands(deps: RoomCommandDeps) {
  const room = new Room(deps.emit);
  const exercises = new ExerciseShelf(deps.dirs ?? (() => []));
  return {
    handlers: {
      listExercises: () => exercises.list(),
      getRoom: () => room.get(),
      setRoom: (args: Args) => {
        if (args.exerciseId !== undefined) room.choose(args.exerciseId === null ? null : exercises.find(args.exerciseId as string));
        return args.reveal === undefined ? room.get() : room.reveal(args.reveal as boolean);
      },
      startExercise: (args: Args) => {
        const exercise = exercises.find(args.exerciseId as string);
        if (room.get().exerciseId !== exercise.id) room.choose(exercise);
        const hooks = { started: (runId: string) => room.running(runId), finished: room.finished.bind(room), interrupted: () => room.interrupted() };
        return deps.beginRun(() => startExerciseRun(deps.ctx, exercise, deps.extras, hooks));
      },
    },
    /** A participant's prediction: it needs the caller (one per connection). */
    submit: (caller: Caller, args: Args) => ({ answers: room.submit(caller, args.exerciseId as string, args.answer as AnswerValue) }),
    forget: (connection: number) => room.forget(connection),
  };
}
