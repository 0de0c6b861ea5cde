import { z } from 'zod';
import { RunParamsSchema, ScenarioSchema, WORKER_KINDS } from '../scenario/schema';
import { MachineSchema } from '../trace/schema';
import { TraceSchema } from '../trace/trace-file';
import { TraceCommandArgsSchema } from './trace-command-args';
import { ExerciseListSchema, RoomStateSchema, SubmitPredictionArgsSchema } from '../room/schema';

/**
 * Every command the renderer can send, with its argument and result schema.
 * Both transports (Electron IPC, WebSocket) carry exactly these; each end
 * validates what it receives.
 */
/** How many finished runs the bridge keeps whole for getTrace {runId}: the page lists as many. */
export const SESSION_TRACES_KEPT = { runs: 12, segments: 2_000_000 };

export const COMMANDS = {
  listScenarios: { args: z.object({}).strict(), result: z.array(ScenarioSchema) },
  machineInfo: { args: z.object({}).strict(), result: MachineSchema },
  startRun: {
    args: z.object({ params: RunParamsSchema.partial(), scenarioId: z.string().max(64).nullable().optional() }).strict(),
    result: z.object({ runId: z.string() }),
  },
  stopRun: { args: z.object({}).strict(), result: z.object({ stopped: z.boolean() }) },
  /** Adds a worker to the running run; its kind defaults to the run's kind (mixing kinds is allowed). */
  addWorker: {
    args: z.object({ kind: z.enum(WORKER_KINDS).nullable().optional() }).strict(),
    result: z.object({ taskId: z.string() }),
  },
  removeWorker: {
    args: z.object({ taskId: z.string().max(64).nullable().optional() }).strict(),
    result: z.object({ taskId: z.string().nullable() }),
  },
  /** The last finished (or current) run as a trace. */
  /** The last finished run's trace, or (runId) one of the session's recent runs (SESSION_TRACES_KEPT); null when not kept. */
  getTrace: { args: z.object({ runId: z.string().min(1).max(64).optional() }).strict(), result: TraceSchema.nullable() },
  /** Validate a trace the user opened; the result is the parsed trace. */
  loadTrace: { args: z.object({ text: z.string().max(512 * 1024 * 1024) }).strict(), result: TraceSchema },
  /** Chrome trace event JSON of the last run, for Perfetto UI. */
  exportChromeTrace: { args: z.object({}).strict(), result: z.object({ json: z.string() }) },
  /**
   * "Run my own program": starts argv (no shell) and traces its whole process
   * tree like a run (run-started, task, segments, markers, run-ended; stopRun
   * ends the tree). Refused unless the front end allows it (Electron, or web mode
   * bound to loopback only).
   */
  traceCommand: { args: TraceCommandArgsSchema, result: z.object({ runId: z.string() }) },
  /** What "Run my own program" starts from when the page says nothing: the folder Corelanes was started in. */
  traceDefaults: { args: z.object({}).strict(), result: z.object({ cwd: z.string().max(4096) }) },
  /** Workshop exercises (docs/workshop.md): the loaded ones, easy to hard, without answer keys; and the files that did not load. */
  listExercises: { args: z.object({}).strict(), result: ExerciseListSchema },
  /** The room: the current exercise, its phase, the predictions and the result (a page asks once, then follows `room` events). */
  getRoom: { args: z.object({}).strict(), result: RoomStateSchema },
  /** The leader picks an exercise (null: none) and shows or hides the room's predictions. */
  setRoom: { args: z.object({ exerciseId: z.string().max(64).nullable().optional(), reveal: z.boolean().optional() }).strict(), result: RoomStateSchema },
  /** Runs the room's exercise through the engine (live, like startRun); the result goes into the room when it ends. */
  startExercise: { args: z.object({ exerciseId: z.string().min(1).max(64) }).strict(), result: z.object({ runId: z.string() }) },
  /** A participant's prediction for the room's current exercise: one per connection, the last one counts. */
  submitPrediction: { args: SubmitPredictionArgsSchema, result: z.object({ answers: z.number().int().nonnegative() }) },
} as const;

export type CommandName = keyof typeof COMMANDS;
export type CommandArgs<N extends CommandName> = z.input<(typeof COMMANDS)[N]['args']>;
export type CommandResult<N extends CommandName> = z.infer<(typeof COMMANDS)[N]['result']>;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(COMMANDS, name);
}
