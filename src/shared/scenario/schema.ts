import { z } from 'zod';
import { LIMITS } from './limits';
import { SOURCE_CHOICES } from '../sampling/source';
import { WORKLOADS } from './workloads';

export { WORKLOADS, type WorkloadName } from './workloads';

/** Kinds of worker the engine can spawn (a subset of task kinds). */
export const WORKER_KINDS = ['thread', 'process', 'gil-thread', 'python-thread', 'python-process'] as const;
export type WorkerKind = (typeof WORKER_KINDS)[number];

/** A sampling interval, ms, within LIMITS (a run's, or a traced command's). */
export const IntervalMsSchema = z
  .number()
  .min(LIMITS.minIntervalMs, `interval must be at least ${LIMITS.minIntervalMs} ms`)
  .max(LIMITS.maxIntervalMs, `interval must be at most ${LIMITS.maxIntervalMs} ms`);

export const RunParamsSchema = z
  .object({
    workload: z.enum(WORKLOADS).default('cpu'),
    kind: z.enum(WORKER_KINDS).default('thread'),
    workers: z
      .number()
      .int('workers must be a whole number')
      .min(1, 'workers must be at least 1')
      .max(LIMITS.maxWorkers, `workers must be at most ${LIMITS.maxWorkers}`)
      .default(2),
    /** Run length; the run also ends early when every worker finished a fixed amount of work. */
    durationS: z
      .number()
      .positive('duration must be positive')
      .max(LIMITS.maxDurationS, `duration must be at most ${LIMITS.maxDurationS} s`)
      .default(3),
    /** Fixed amount of work per worker (units); null = run for the duration. */
    workUnits: z
      .number()
      .int('work units must be a whole number')
      .positive('work units must be at least 1')
      .max(1e9, 'work units must be at most 1e9')
      .nullable()
      .default(null),
    /** The /proc sampler's interval (the fallback source), ms. */
    intervalMs: IntervalMsSchema.default(1),
    /** Where scheduling comes from: auto (exact where the kernel allows it, else /proc), exact, or proc. */
    source: z.enum(SOURCE_CHOICES).default('auto'),
    /** memory workload: MB to allocate and touch per worker. */
    memoryMb: z.number().positive('memory must be more than 0 MB').max(LIMITS.maxMemoryMb, `memory must be at most ${LIMITS.maxMemoryMb} MB`).default(64),
    /** gil-thread: CPython's switch interval, ms. */
    switchIntervalMs: z.number().min(0.1, 'switch interval must be at least 0.1 ms').max(100, 'switch interval must be at most 100 ms').default(5),
    /** Python interpreter for python-* kinds (a name on the PATH). */
    python: z.string().max(64).regex(/^python[0-9.]*t?$/).default('python3'),
  })
  .strict();
export type RunParams = z.infer<typeof RunParamsSchema>;
export type RunParamsInput = z.input<typeof RunParamsSchema>;

/** A scenario: what the UI and the CLI list and run (one per worker kind, and every preset). */
export const ScenarioSchema = z.object({
  id: z.string().min(1).max(64),
  title: z.string().max(200),
  claim: z.string().max(500).nullable(),
  params: RunParamsSchema.partial(),
  available: z.boolean(),
  unavailableReason: z.string().nullable(),
  /** false: the preset measures outside a timeline run (with rigs, not sessions), so it ends with a verdict but no trace. Absent = it records traces. */
  producesTrace: z.boolean().optional(),
});
export type Scenario = z.infer<typeof ScenarioSchema>;
