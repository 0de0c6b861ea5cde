import { z } from 'zod';
import { EXIT_REASONS, TASK_KINDS, TASK_STATES } from './states';
import { SOURCE_CHOICES, SourceRefusalSchema } from '../sampling/source';

/**
 * The trace model (DESIGN.md section 4). Times are milliseconds (float) since
 * the run's start on CLOCK_MONOTONIC, which every thread and process of the
 * machine shares, so reports from workers line up with /proc samples.
 */

const finite = z.number().finite();
const ms = finite.nonnegative();
const id = z.string().min(1).max(64);

export const MachineSchema = z.object({
  os: z.string().max(64),
  kernel: z.string().max(256),
  arch: z.string().max(32),
  cpuModel: z.string().max(256),
  logicalCores: z.number().int().positive().max(4096),
  /** Whether the OS tells which core a thread runs on; lanes say "unknown" when not. */
  coresObservable: z.boolean(),
  runtimes: z.record(z.string().max(64), z.string().max(128)),
});
export type Machine = z.infer<typeof MachineSchema>;

export const TaskSchema = z.object({
  id,
  kind: z.enum(TASK_KINDS),
  label: z.string().max(200),
  pid: z.number().int().nonnegative().nullable(),
  tid: z.number().int().nonnegative().nullable(),
  /** pid of the process whose memory this task uses. */
  addressSpace: z.number().int().nonnegative().nullable(),
  parentId: id.nullable(),
  workload: z.string().max(64).nullable(),
  /** When the engine was asked to spawn it. */
  requestedMs: ms,
  /** First instruction inside the worker, as it reported; null until known. */
  startedMs: ms.nullable(),
  /**
   * When the kernel created the task (its FORK switch record; with the /proc
   * sampler, stat field 22, to 10 ms). From here to startedMs is its start-up,
   * drawn with its real CPU. Absent or null when it was born before the run.
   */
  bornMs: ms.nullable().optional(),
  exitMs: ms.nullable(),
  exitReason: z.enum(EXIT_REASONS).nullable(),
  exitDetail: z.string().max(2000).nullable(),
});
export type Task = z.infer<typeof TaskSchema>;

/** A run of identical state (and core) for one task: 2 s on core 1 is one segment. */
export const SegmentSchema = z.object({
  taskId: id,
  startMs: ms,
  endMs: ms,
  state: z.enum(TASK_STATES),
  /** Core while running; null when not running or when the OS does not say. */
  core: z.number().int().nonnegative().max(4095).nullable(),
  /** Exact on-CPU time inside the segment (schedstat), ns. */
  onCpuNs: finite.nonnegative(),
  /** Time spent waiting in a run queue inside the segment (schedstat), ns. */
  waitNs: finite.nonnegative(),
  /**
   * True when the state is an inference, not something the OS or the worker
   * reported: e.g. 'gil-wait' of a traced CPython thread sleeping on a futex
   * while a sibling thread of the same interpreter ran. Drawn as inferred.
   */
  inferred: z.boolean().optional(),
});
export type Segment = z.infer<typeof SegmentSchema>;

export const MARKER_KINDS = [
  'spawn',
  'started',
  'exit',
  'crash',
  'message-sent',
  'message-received',
  'phase',
  'gil-handover',
  'annotation',
  'error',
] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];

export const MarkerSchema = z.object({
  tMs: ms,
  kind: z.enum(MARKER_KINDS),
  taskId: id.nullable(),
  /** The other side of a message or a GIL hand-over. */
  peerTaskId: id.nullable().optional(),
  bytes: z.number().int().nonnegative().nullable().optional(),
  text: z.string().max(2000).nullable().optional(),
});
export type Marker = z.infer<typeof MarkerSchema>;

/**
 * A note on the timeline, written by a person (the app's annotation tool, or
 * by hand): a time range, optionally one task's lane, some text, and
 * optionally an arrow pointing at one task at one time. Added in version 2.
 */
export const AnnotationSchema = z.object({
  id,
  startMs: ms,
  endMs: ms,
  /** The lane it belongs to; null: the whole run at that time. */
  taskId: id.nullable().default(null),
  text: z.string().max(2000),
  /** Where the arrow points: a task's lane at a time; null: no arrow. */
  arrow: z.object({ taskId: id, tMs: ms }).nullable().default(null),
});
export type Annotation = z.infer<typeof AnnotationSchema>;

export const MemorySampleSchema = z.object({
  tMs: ms,
  /** pid of the address space. */
  addressSpace: z.number().int().nonnegative(),
  rssBytes: finite.nonnegative(),
  /** Per-worker JS heap, when a worker reports it. */
  taskId: id.nullable().optional(),
  heapBytes: finite.nonnegative().nullable().optional(),
  sharedBytes: finite.nonnegative().nullable().optional(),
});
export type MemorySample = z.infer<typeof MemorySampleSchema>;

export const TaskMetricsSchema = z.object({
  taskId: id,
  kind: z.enum(TASK_KINDS),
  label: z.string(),
  pid: z.number().int().nullable(),
  tid: z.number().int().nullable(),
  onCpuMs: finite.nonnegative(),
  /** Waiting for a CPU (run queue), not blocked. */
  waitMs: finite.nonnegative(),
  /** On-CPU ms per core index; empty when cores are not observable. */
  coreMs: z.record(z.string(), finite.nonnegative()),
  migrations: z.number().int().nonnegative(),
  spawnMs: finite.nonnegative().nullable(),
  /** On-CPU ms from its birth (bornMs) to its first instruction (startedMs): what starting it cost in CPU; null when either is unknown. */
  startupCpuMs: finite.nonnegative().nullable().optional(),
  unitsDone: finite.nonnegative().nullable(),
  exitReason: z.enum(EXIT_REASONS).nullable(),
});
export type TaskMetrics = z.infer<typeof TaskMetricsSchema>;

export const SamplerStatsSchema = z.object({
  intervalMs: finite.positive(),
  samples: z.number().int().nonnegative(),
  rateHz: finite.nonnegative(),
  /** Sampler thread's own CPU time as % of one core. */
  cpuPercent: finite.nonnegative(),
  /** Sampling gaps longer than 3 intervals. */
  gaps: z.number().int().nonnegative(),
  maxGapMs: finite.nonnegative(),
  /**
   * /proc sampling: the share of the sampled span outside pauses longer than
   * 20 ms (and 3 intervals), 0..1. Absent for the exact source (every switch
   * is recorded; lostRecords says what was missed) and in older traces.
   */
  coverage: finite.min(0).max(1).optional(),
  /** Where the data came from: exact (switch records), proc (/proc sampling), portable, off (older traces: linux-proc). */
  source: z.string().max(64),
  /** What the run asked for (auto, exact, proc). */
  requested: z.enum(SOURCE_CHOICES).optional(),
  /** Why exact was not used when auto fell back to proc; null when it was not refused. */
  refusal: SourceRefusalSchema.nullable().optional(),
  /** Exact source: switch records read, and records the kernel dropped (a full ring); those spans are unknown. */
  records: z.number().int().nonnegative().optional(),
  lostRecords: z.number().int().nonnegative().optional(),
  /**
   * /proc sampling with a CPU budget (% of one core): the sampler sampled less
   * often than every intervalMs (down to every coarsestIntervalMs) to keep its
   * own CPU within it; rateHz is what it reached. Absent: a fixed interval.
   */
  cpuBudgetPercent: finite.positive().optional(),
  coarsestIntervalMs: finite.positive().optional(),
  /** Task reads per second (a task asleep with unchanged counters is read less often than rateHz). */
  taskReadsPerSecond: finite.nonnegative().optional(),
});
export type SamplerStats = z.infer<typeof SamplerStatsSchema>;

export const CoreMetricsSchema = z.object({
  core: z.number().int().nonnegative(),
  busyMs: finite.nonnegative(),
  utilization: finite.nonnegative(),
});

/**
 * Corelanes' own cost beyond its lanes: the main and sampler threads have
 * lanes (their on-CPU time is in `tasks`); this is what the rest of its own
 * process used. Added without a version change: absent in older traces.
 */
export const OwnCostSchema = z.object({
  /**
   * On-CPU ms of the app's own threads that have no lane (libuv pool, V8
   * helpers; in a traced command's run, every thread of the app), from
   * /proc/self/task/<tid>/schedstat at the run's start and end. Threads that
   * ended during the run are not counted. null: the OS does not say.
   */
  otherThreadsMs: finite.nonnegative().nullable(),
});

export const MetricsSchema = z.object({
  wallMs: finite.nonnegative(),
  cpuMs: finite.nonnegative(),
  /** Total on-CPU time of the run's workers / wall time. */
  parallelism: finite.nonnegative(),
  tasks: z.array(TaskMetricsSchema),
  cores: z.array(CoreMetricsSchema),
  sampler: SamplerStatsSchema.nullable(),
  unitsPerSecond: finite.nonnegative().nullable(),
  /** What the rest of Corelanes' own process used (see OwnCostSchema); absent in older traces and where nothing was measured. */
  own: OwnCostSchema.optional(),
});
export type Metrics = z.infer<typeof MetricsSchema>;
