import type { Metrics, RunInfo, Task, Verdict, WorkerKind } from '../../shared';
import { WORKER_KINDS } from '../../shared';

/** A finished run reduced to what the speedup plot needs. */
export interface RunRecord {
  runId: string;
  workload: string;
  kind: WorkerKind;
  workers: number;
  wallMs: number;
  cpuMs: number;
  parallelism: number;
  unitsPerSecond: number | null;
}

/** One point the speedup-sweep preset measured itself (speedup vs its own 1-worker run). */
export interface SweepPoint {
  kind: string;
  workers: number;
  speedup: number;
}

export const SWEEP_PRESET_ID = 'speedup-sweep';
const WORKER_KIND_SET = new Set<string>(WORKER_KINDS);

/**
 * The run as a speedup-plot record, or null when a point would mislead:
 * no worker or mixed kinds (a speedup of what?), I/O-bound work (CPU time /
 * wall time is not a speedup), or a sub-run of the sweep (its verdict gives
 * the sweep's points). The kind is the workers' own, not the form's.
 */
export function runRecordFor(run: RunInfo, tasks: readonly Task[], metrics: Metrics | null): RunRecord | null {
  // A traced command (no params) chose no kind or worker count: its tasks are not a speedup point.
  if (!metrics || !run.params || run.params.workload === 'io' || run.scenarioId === SWEEP_PRESET_ID) return null;
  const workers = tasks.filter((t) => WORKER_KIND_SET.has(t.kind));
  const kinds = new Set(workers.map((t) => t.kind));
  if (workers.length === 0 || kinds.size !== 1) return null;
  return {
    runId: run.runId,
    workload: run.params.workload,
    kind: [...kinds][0] as WorkerKind,
    workers: workers.length,
    wallMs: metrics.wallMs,
    cpuMs: metrics.cpuMs,
    parallelism: metrics.parallelism,
    unitsPerSecond: metrics.unitsPerSecond,
  };
}

/** The sweep's raw verdict numbers `<kind>.<n>.speedup` as points; null for any other verdict. */
export function sweepPointsOf(verdict: Verdict): SweepPoint[] | null {
  if (verdict.presetId !== SWEEP_PRESET_ID) return null;
  const points: SweepPoint[] = [];
  for (const [key, value] of Object.entries(verdict.raw)) {
    const m = /^([a-z-]+)\.(\d+)\.speedup$/.exec(key);
    if (m && Number.isFinite(value) && value > 0) points.push({ kind: m[1] as string, workers: Number(m[2]), speedup: value });
  }
  return points;
}
