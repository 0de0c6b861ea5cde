import { z } from 'zod';
import { RunParamsSchema } from '../scenario/schema';
import { VerdictSchema, VerdictV1Schema } from '../verdict/verdict';
import { RunCommandSchema } from './run-command';
import { MachineSchema, MarkerSchema, MemorySampleSchema, MetricsSchema, SegmentSchema, TaskSchema } from './schema';

export const TRACE_FORMAT = 'corelanes-trace';
export const TRACE_VERSION = 1;

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

export const TraceSchema = z.object({
  format: z.literal(TRACE_FORMAT),
  version: z.literal(TRACE_VERSION),
  machine: MachineSchema,
  run: RunInfoSchema,
  tasks: z.array(TaskSchema),
  segments: z.array(SegmentSchema),
  markers: z.array(MarkerSchema),
  memory: z.array(MemorySampleSchema),
  metrics: MetricsSchema.nullable(),
  /**
   * Verdict of the preset that made the run: version 2, or version 1 from an
   * older file (readVerdict turns it into version 2). Both schemas bound it:
   * a file cannot hide a deeply nested value here.
   */
  verdict: z.union([VerdictSchema, VerdictV1Schema]).optional(),
});
export type Trace = z.infer<typeof TraceSchema>;
