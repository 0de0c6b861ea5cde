import type { Machine, Metrics, RunParams, SamplerStats, Segment, TaskMetrics } from '../../../shared';
import type { RunRecord } from './run-record';

/** Task kinds that are the run's workers (the host's main and sampler threads are not). */
const HOST_KINDS = new Set(['main', 'sampler']);

export interface MetricsInput {
  record: RunRecord;
  machine: Machine;
  sampler: SamplerStats | null;
  wallMs: number;
  unitsDone: Map<string, number>;
  params: RunParams;
}

/**
 * Metrics of a run from its recorded segments: on-CPU and run-queue time are
 * the schedstat ns the sampler put in the segments (exact); per-core time is
 * the on-CPU ns of running segments by their core; a migration is a change of
 * core between two consecutive running segments of one task.
 */
export function metricsOf(input: MetricsInput): Metrics {
  const { record, wallMs } = input;
  const byTask = new Map<string, Segment[]>();
  for (const s of record.segments) {
    let list = byTask.get(s.taskId);
    if (!list) byTask.set(s.taskId, (list = []));
    list.push(s);
  }
  const coreBusy = new Map<number, number>();
  const tasks: TaskMetrics[] = [];
  for (const task of record.tasks.values()) {
    const segments = (byTask.get(task.id) ?? []).sort((a, b) => a.startMs - b.startMs);
    let onCpuNs = 0;
    let waitNs = 0;
    let migrations = 0;
    let lastCore: number | null = null;
    const coreMs: Record<string, number> = {};
    for (const s of segments) {
      onCpuNs += s.onCpuNs;
      waitNs += s.waitNs;
      if (s.core !== null && s.onCpuNs > 0) {
        coreMs[s.core] = (coreMs[s.core] ?? 0) + s.onCpuNs / 1e6;
        coreBusy.set(s.core, (coreBusy.get(s.core) ?? 0) + s.onCpuNs / 1e6);
        if (lastCore !== null && lastCore !== s.core) migrations++;
        lastCore = s.core;
      }
    }
    tasks.push({
      taskId: task.id,
      kind: task.kind,
      label: task.label,
      pid: task.pid,
      tid: task.tid,
      onCpuMs: onCpuNs / 1e6,
      waitMs: waitNs / 1e6,
      coreMs,
      migrations,
      spawnMs: task.startedMs !== null && !HOST_KINDS.has(task.kind) ? Math.max(0, task.startedMs - task.requestedMs) : null,
      unitsDone: input.unitsDone.get(task.id) ?? null,
      exitReason: task.exitReason,
    });
  }
  const workerTasks = tasks.filter((t) => !HOST_KINDS.has(t.kind));
  const cpuMs = workerTasks.reduce((n, t) => n + t.onCpuMs, 0);
  const units = [...input.unitsDone.values()].reduce((n, u) => n + u, 0);
  const cores = input.machine.coresObservable
    ? Array.from({ length: input.machine.logicalCores }, (_, core) => {
        const busyMs = coreBusy.get(core) ?? 0;
        return { core, busyMs, utilization: wallMs > 0 ? Math.min(1, busyMs / wallMs) : 0 };
      })
    : [];
  return {
    wallMs,
    cpuMs,
    parallelism: wallMs > 0 ? cpuMs / wallMs : 0,
    tasks,
    cores,
    sampler: input.sampler,
    unitsPerSecond: wallMs > 0 && input.unitsDone.size > 0 ? units / (wallMs / 1000) : null,
  };
}
