import { z } from 'zod';
import { MachineSchema, MarkerSchema, MemorySampleSchema, MetricsSchema, SegmentSchema, TaskSchema } from '../trace/schema';
import { RunInfoSchema } from '../trace/trace-file';
import { RunCommandSchema } from '../trace/run-command';
import { MENU_ACTIONS } from './menu';
import { RoomStateSchema } from '../room/schema';

/**
 * The biggest trace file the desktop app's File ▸ Open Trace… reads for the
 * page: its text crosses IPC in one message, and Chromium bounds a message's
 * size. Bigger traces open from the page's own file picker (web mode).
 */
export const TRACE_FILE_MAX_BYTES = 128 * 1024 * 1024;

/** Every event the engine streams to the renderer, in small batches (~16-50 ms). */
export const BridgeEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run-started'), run: RunInfoSchema, machine: MachineSchema }),
  /** A task appeared or changed (started, got its tid, exited): upsert by id. */
  z.object({ type: z.literal('task'), task: TaskSchema }),
  z.object({ type: z.literal('segments'), runId: z.string(), segments: z.array(SegmentSchema) }),
  /**
   * At a run's end, before run-ended: the final segments of the tasks whose
   * states could only be inferred once the run was over (CPython GIL waits,
   * inferred: true). They replace what was streamed for those tasks.
   */
  z.object({ type: z.literal('revised-segments'), runId: z.string(), taskIds: z.array(z.string().min(1).max(64)), segments: z.array(SegmentSchema) }),
  z.object({ type: z.literal('markers'), runId: z.string(), markers: z.array(MarkerSchema) }),
  z.object({ type: z.literal('memory'), runId: z.string(), samples: z.array(MemorySampleSchema) }),
  z.object({ type: z.literal('metrics'), runId: z.string(), metrics: MetricsSchema }),
  z.object({ type: z.literal('progress'), runId: z.string(), elapsedMs: z.number(), durationMs: z.number() }),
  z.object({
    type: z.literal('run-ended'),
    runId: z.string(),
    reason: z.enum(['finished', 'stopped', 'failed']),
    metrics: MetricsSchema.nullable(),
    /** A traced command: what ran, where, and how it ended (exit status, output tails). */
    command: RunCommandSchema.optional(),
  }),
  /** A preset's verdict, after the run-ended of its last run (read by the page with readVerdict, either version; it says so when it cannot). */
  z.object({ type: z.literal('verdict'), runId: z.string(), verdict: z.unknown() }),
  /** The workshop room changed (the exercise, its phase, a prediction, the result): its whole state. */
  z.object({ type: z.literal('room'), room: RoomStateSchema }),
  /** The exercises on offer changed (a folder was opened): ask listExercises again. */
  z.object({ type: z.literal('exercises-changed') }),
  z.object({ type: z.literal('error'), message: z.string().max(4000), runId: z.string().nullable() }),
  /** Electron only: a menu item or its shortcut was used; the renderer performs the action. */
  z.object({ type: z.literal('menu'), action: z.enum(MENU_ACTIONS) }),
  /**
   * Electron only: File ▸ Open Trace… read this file in the main process (a
   * native menu click is no user activation, so the page cannot open a file
   * chooser itself). The page validates the text exactly like a picked file.
   */
  z.object({ type: z.literal('trace-file'), name: z.string().max(1024), text: z.string().max(TRACE_FILE_MAX_BYTES) }),
]);
export type BridgeEvent = z.infer<typeof BridgeEventSchema>;
export type BridgeEventType = BridgeEvent['type'];
