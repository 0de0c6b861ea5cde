import type { Metrics, SamplerStats, Segment, Task, TaskKind, TaskMetrics } from '../../../shared';
import { inTaskTimeOrder, MetricsAccumulator, type TaskTotals } from './metrics-accumulator';

/** The run's workers; the app's own threads (main, sampler) are tasks but not the run's work. */
const WORKER_KINDS: ReadonlySet<TaskKind> = new Set<TaskKind>(['thread', 'process', 'gil-thread', 'python-thread', 'python-process']);

export interface MetricsInput {
  tasks: readonly Task[];
  segments: readonly Segment[];
  wallMs: number;
  /** Cores listed in the per-core table (0..logicalCores-1, plus any core seen). */
  logicalCores: number;
  sampler: SamplerStats | null;
  /** Units of work each task reported, by task id. */
  unitsDone?: Readonly<Record<string, number>>;
}

/** On-CPU ms from a task's birth to its first instruction (segments clipped there); null when either is unknown. */
function startupCpuMs(task: Task, t: TaskTotals | undefined): number | null {
  if (task.bornMs === undefined || task.bornMs === null || task.startedMs === null) return null;
  let ns = 0;
  for (const r of t?.running ?? []) {
    if (r.endMs <= task.bornMs || r.startMs >= task.startedMs) continue;
    const share = (Math.min(r.endMs, task.startedMs) - Math.max(r.startMs, task.bornMs)) / (r.endMs - r.startMs || 1);
    ns += r.onCpuNs * Math.min(1, share);
  }
  return ns / 1e6;
}

/**
 * Pure: the run's numbers from its segments. Parallelism is the total on-CPU
 * time of the run's workers over the wall time; migrations are the core
 * changes between consecutive running segments of a task.
 */
export function computeMetrics(input: MetricsInput): Metrics {
  const acc = new MetricsAccumulator();
  const startedMs = new Map(input.tasks.map((t) => [t.id, t.startedMs]));
  for (const s of inTaskTimeOrder(input.segments)) acc.add(s, startedMs.get(s.taskId) ?? null);
  return metricsOfTotals(input, acc);
}

/** The run's numbers from running sums (a MetricsAccumulator, possibly with open segments counted: `acc.with(open)`). */
export function metricsOfTotals(input: Omit<MetricsInput, 'segments'>, acc: { totals: ReadonlyMap<string, TaskTotals>; coreBusyNs: ReadonlyMap<number, number> }): Metrics {
  const totals = acc.totals;
  const coreBusyNs = new Map(acc.coreBusyNs);
  for (let c = 0; c < input.logicalCores; c++) if (!coreBusyNs.has(c)) coreBusyNs.set(c, 0);

  const wallMs = Math.max(0, input.wallMs);
  let workersCpuNs = 0;
  let units: number | null = null;
  const tasks: TaskMetrics[] = input.tasks.map((task) => {
    const t = totals.get(task.id);
    const isWorker = WORKER_KINDS.has(task.kind);
    if (isWorker) workersCpuNs += t?.onCpuNs ?? 0;
    const done = input.unitsDone?.[task.id];
    if (isWorker && done !== undefined) units = (units ?? 0) + done;
    const coreMs: Record<string, number> = {};
    if (t) for (const [core, ns] of [...t.coreNs].sort((a, b) => a[0] - b[0])) coreMs[String(core)] = ns / 1e6;
    return {
      taskId: task.id,
      kind: task.kind,
      label: task.label,
      pid: task.pid,
      tid: task.tid,
      onCpuMs: (t?.onCpuNs ?? 0) / 1e6,
      waitMs: (t?.waitNs ?? 0) / 1e6,
      coreMs,
      migrations: t?.migrations ?? 0,
      spawnMs: task.startedMs !== null ? Math.max(0, task.startedMs - task.requestedMs) : null,
      startupCpuMs: startupCpuMs(task, t),
      unitsDone: done ?? null,
      exitReason: task.exitReason,
    };
  });

  const cpuMs = workersCpuNs / 1e6;
  const unitsDone: number | null = units;
  return {
    wallMs,
    cpuMs,
    parallelism: wallMs > 0 ? cpuMs / wallMs : 0,
    tasks,
    cores: [...coreBusyNs]
      .sort((a, b) => a[0] - b[0])
      .map(([core, ns]) => ({ core, busyMs: ns / 1e6, utilization: wallMs > 0 ? ns / 1e6 / wallMs : 0 })),
    sampler: input.sampler,
    unitsPerSecond: unitsDone !== null && wallMs > 0 ? unitsDone / (wallMs / 1000) : null,
  };
}
