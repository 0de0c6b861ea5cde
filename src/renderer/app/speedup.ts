import type { RunRecord, SweepPoint } from './speedup-record';

export interface SpeedupPoint {
  series: string;
  workers: number;
  speedup: number;
  /** 'throughput' = units/s against the 1-worker run of the same series; 'parallelism' = CPU time / wall time (no 1-worker run yet). */
  basis: 'throughput' | 'parallelism';
}

/**
 * Measured speedup per series (workload + the workers' kind) and worker
 * count. With a 1-worker run of the series, speedup is throughput over that
 * run's throughput; without one, the honest stand-in is parallelism, marked
 * so. The latest run of each (series, workers) wins. The speedup sweep's own
 * points (its verdict) are series of their own.
 */
export function speedupPoints(history: readonly RunRecord[], sweep: readonly SweepPoint[] = []): SpeedupPoint[] {
  const latest = new Map<string, RunRecord>();
  for (const r of history) latest.set(`${r.workload}/${r.kind}/${r.workers}`, r);
  const points: SpeedupPoint[] = [];
  for (const r of latest.values()) {
    const series = `${r.kind} · ${r.workload}`;
    const base = latest.get(`${r.workload}/${r.kind}/1`);
    if (base?.unitsPerSecond && r.unitsPerSecond !== null) {
      points.push({ series, workers: r.workers, speedup: r.unitsPerSecond / base.unitsPerSecond, basis: 'throughput' });
    } else {
      points.push({ series, workers: r.workers, speedup: r.parallelism, basis: 'parallelism' });
    }
  }
  for (const p of sweep) points.push({ series: `${p.kind} · cpu (sweep)`, workers: p.workers, speedup: p.speedup, basis: 'throughput' });
  return points.sort((a, b) => a.series.localeCompare(b.series) || a.workers - b.workers);
}
