import { z } from 'zod';
import { RunParamsSchema } from '../scenario/schema';
import { VerdictSchema, VerdictV1Schema } from '../verdict/verdict';
import { RunCommandSchema } from './run-command';
import { SpawnPhaseSchema } from './spawn-phase';
import { AnnotationSchema, MachineSchema, MarkerSchema, MemorySampleSchema, MetricsSchema, SegmentSchema, TaskSchema } from './schema';

export const TRACE_FORMAT = 'corelanes-trace';
/** 2 added `annotations`; version 1 files are read and migrated (read-trace.ts). */
export const TRACE_VERSION = 2;

/**
 * How big a trace Corelanes opens. The file is bounded before it is read, the
 * JSON after gzip is bounded while it is inflated (a gzip bomb stops there), and
 * the record counts before any is validated. A task index is a 16-bit lane
 * category in the timeline, hence the task bound. A 60 s run of 64 workers at
 * 1 kHz stays far below each.
 */
export const TRACE_LIMITS = {
  maxFileBytes: 256 * 1024 * 1024,
  maxJsonBytes: 384 * 1024 * 1024,
  maxTasks: 65_535,
  maxSegments: 5_000_000,
  maxMarkers: 5_000_000,
  maxMemorySamples: 5_000_000,
  maxAnnotations: 10_000,
  /** No time in a trace lies further from its start than this (about 11.6 days). */
  maxTimeMs: 1e9,
} as const;

export const RunInfoSchema = z
  .object({
    runId: z.string().min(1).max(64),
    scenarioId: z.string().max(64).nullable(),
    /** The run's settings; null only for a traced command (run.command), which has no kind, workload or worker count. */
    params: RunParamsSchema.nullable(),
    /** A traced command (`corelanes trace`, "Run my own program"): what ran. Absent for Corelanes' own runs. */
    command: RunCommandSchema.optional(),
    /** Wall-clock start, ISO 8601, for humans; trace times are monotonic ms since start. */
    startedAt: z.string().max(64),
    wallMs: z.number().finite().nonnegative(),
    /** Corelanes' own runs: how long starting the initial workers took, and in what batches (absent in older traces and traced commands). */
    spawnPhase: SpawnPhaseSchema.optional(),
  })
  .refine((run) => run.params !== null || run.command !== undefined, {
    message: 'params may be null only for a traced command (run.command)',
    path: ['params'],
  });
export type RunInfo = z.infer<typeof RunInfoSchema>;

/** The sampling interval a run asked for, ms: its params', or the traced command's. */
export function runIntervalMs(run: RunInfo): number | null {
  return run.params?.intervalMs ?? run.command?.intervalMs ?? null;
}

/** Everything but the record arrays: the reader validates these first, then the arrays item by item. */
export const TraceHeaderSchema = z.object({
  format: z.literal(TRACE_FORMAT),
  version: z.literal(TRACE_VERSION),
  machine: MachineSchema,
  run: RunInfoSchema,
  metrics: MetricsSchema.nullable(),
  /**
   * Verdict of the preset that made the run: version 2, or version 1 from an
   * older file (readVerdict turns it into version 2). Both schemas bound it:
   * a file cannot hide a deeply nested value here.
   */
  verdict: z.union([VerdictSchema, VerdictV1Schema]).optional(),
});

/** The record arrays of a trace, each with its element schema and bound. */
export const TRACE_ARRAYS = {
  tasks: { schema: TaskSchema, max: TRACE_LIMITS.maxTasks, noun: 'tasks' },
  segments: { schema: SegmentSchema, max: TRACE_LIMITS.maxSegments, noun: 'segments' },
  markers: { schema: MarkerSchema, max: TRACE_LIMITS.maxMarkers, noun: 'markers' },
  memory: { schema: MemorySampleSchema, max: TRACE_LIMITS.maxMemorySamples, noun: 'memory samples' },
  annotations: { schema: AnnotationSchema, max: TRACE_LIMITS.maxAnnotations, noun: 'annotations' },
} as const;

export const TraceSchema = TraceHeaderSchema.extend({
  tasks: z.array(TaskSchema).max(TRACE_LIMITS.maxTasks),
  segments: z.array(SegmentSchema).max(TRACE_LIMITS.maxSegments),
  markers: z.array(MarkerSchema).max(TRACE_LIMITS.maxMarkers),
  memory: z.array(MemorySampleSchema).max(TRACE_LIMITS.maxMemorySamples),
  /** Notes people put on the run (version 2). */
  annotations: z.array(AnnotationSchema).max(TRACE_LIMITS.maxAnnotations),
});
export type Trace = z.infer<typeof TraceSchema>;
