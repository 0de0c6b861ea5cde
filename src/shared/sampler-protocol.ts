import { z } from 'zod';
import { MarkerSchema, SamplerStatsSchema } from './trace/schema';
import { WORKER_PHASES } from './worker-protocol';
import { SOURCE_CHOICES, SourceRefusalSchema } from './sampling/source';

/**
 * Messages between the engine (main side) and the sampler worker thread. Both
 * sides validate. Times are ms since the run's start on CLOCK_MONOTONIC.
 */

const taskId = z.string().min(1).max(64);
const osId = z.number().int().positive();

/** workerData the sampler thread starts with. */
export const SamplerInitSchema = z.object({
  intervalMs: z.number().min(0.1).max(1000),
  /** CLOCK_MONOTONIC ms of the run's start. */
  runStartMono: z.number().finite(),
  /** How often closed segments go to the main side. */
  batchMs: z.number().min(1).max(1000).default(25),
  /** How often RSS per address space is read. */
  memoryMs: z.number().min(10).max(10_000).default(100),
  /**
   * A task found asleep with unchanged counters twice in a row is then read
   * every Nth sample (staggered) until it changes; 1 reads every task at every
   * sample. Totals stay exact; only the timing of an idle task's wake-up is
   * coarser (N x interval).
   */
  idleReadEvery: z.number().int().min(1).max(100).default(4),
  /**
   * Nice value the sampler thread asks for itself (best effort: lowering it
   * needs CAP_SYS_NICE), so it still wakes on time when workloads saturate the
   * cores. null leaves it alone.
   */
  nice: z.number().int().min(-20).max(19).nullable().default(-10),
  /** Force the portable source even on Linux (tests of the fallback). */
  forcePortable: z.boolean().default(false),
  /** Where scheduling comes from: exact switch records, /proc sampling, or auto (exact where allowed). */
  source: z.enum(SOURCE_CHOICES).default('auto'),
  /**
   * /proc sampling: the sampler's own CPU budget, % of one core. It samples less
   * often (intervalMs is the finest interval, 8 ms the coarsest) to stay within
   * it; null samples at intervalMs whatever it costs. Env: CORELANES_PROC_CPU_BUDGET.
   */
  cpuBudgetPercent: z.number().min(0.1).max(100).nullable().default(3),
  /** Exact source: how often the kernel's rings are read (sets most of its cost and the live view's lag). */
  drainMs: z.number().min(5).max(1000).default(100),
  /** Tests: the kernel's answer to perf_event_open, injected at the boundary (the refusal path end to end). */
  denyExact: z.enum(['EACCES', 'EPERM']).nullable().default(null),
});
export type SamplerInit = z.infer<typeof SamplerInitSchema>;
export type SamplerInitInput = z.input<typeof SamplerInitSchema>;

export const ToSamplerSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('track'),
    taskId,
    pid: osId,
    tid: osId,
    /** A worker thread's Int32 phase slot (PHASE_SLOT layout), shared memory. */
    phaseSlot: z
      .object({ buffer: z.instanceof(SharedArrayBuffer), offset: z.number().int().nonnegative() })
      .nullable()
      .default(null),
  }),
  z.object({ type: z.literal('untrack'), taskId }),
  /** A process's phase report (threads use their slot). */
  z.object({
    type: z.literal('phase'),
    taskId,
    phase: z.enum(WORKER_PHASES),
    core: z.number().int().min(-1).max(4095).nullable(),
    atMs: z.number().finite(),
  }),
  z.object({ type: z.literal('stop') }),
]);
export type ToSampler = z.infer<typeof ToSamplerSchema>;
export type ToSamplerInput = z.input<typeof ToSamplerSchema>;

export const MemoryReadingSchema = z.object({
  tMs: z.number().finite().nonnegative(),
  addressSpace: z.number().int().nonnegative(),
  rssBytes: z.number().finite().nonnegative(),
});

export const FromSamplerSchema = z.discriminatedUnion('type', [
  /** The sampler thread is up: its own tid and which source it uses. */
  z.object({
    type: z.literal('ready'),
    pid: z.number().int(),
    tid: z.number().int().nullable(),
    source: z.string().max(64),
    /** The nice value the thread got, null when it could not change it. */
    nice: z.number().int().nullable().default(null),
    /** Why exact switch records were not used (auto fell back, or exact was refused); null when not refused. */
    refusal: SourceRefusalSchema.nullable().default(null),
  }),
  z.object({
    type: z.literal('batch'),
    /**
     * The batch's segments as one columnar frame (bridge/segment-columns.ts),
     * transferred, not cloned: thousands of small objects a second cost both
     * threads more in cloning and garbage than the sampler spent observing.
     * The main side decodes it, checking every value as SegmentSchema would.
     */
    segmentFrame: z.instanceof(Uint8Array),
    markers: z.array(MarkerSchema),
    memory: z.array(MemoryReadingSchema),
    /** Exact source: when the kernel created a tracked task (its FORK record), ms since the run's start. */
    born: z.array(z.object({ taskId, tMs: z.number().finite() })).default([]),
    /** The sampler's own measurements so far (rate, CPU %), for live metrics; the final ones come with 'stopped'. */
    stats: SamplerStatsSchema.optional(),
  }),
  /** Last message: everything is flushed; the sampler's own measurements. */
  z.object({ type: z.literal('stopped'), stats: SamplerStatsSchema }),
  z.object({ type: z.literal('error'), message: z.string().max(2000) }),
]);
export type FromSampler = z.infer<typeof FromSamplerSchema>;
