import type { Trace, Verdict } from '../../../shared';
import { activeParallelism, activeWindowMs, r, readyParallelism, unitsByTask, unitsPerActiveSecond } from './measures';

/** Fairness: the slowest worker's units / the fastest's (1 = equal; 0 = one starved). */
export function progressRatio(trace: Trace): number {
  const units = [...unitsByTask(trace).values()];
  if (units.length === 0) return 0;
  const max = Math.max(...units);
  return max > 0 ? Math.min(...units) / max : 0;
}

/** Numbers every CPU-bound preset reports. */
export function cpuNumbers(trace: Trace): Record<string, number> {
  return {
    ...(trace.run.params ? { workers: trace.run.params.workers } : {}),
    cores: trace.machine.logicalCores,
    wallMs: r(trace.metrics?.wallMs ?? trace.run.wallMs, 1),
    activeMs: r(activeWindowMs(trace), 1),
    parallelism: r(trace.metrics?.parallelism ?? 0),
    activeParallelism: r(activeParallelism(trace)),
    readyParallelism: r(readyParallelism(trace)),
    unitsPerActiveSecond: r(unitsPerActiveSecond(trace), 1),
    progressRatio: r(progressRatio(trace)),
  };
}

/**
 * "Takes turns": on-CPU sum <= 1.15 x the active window and every worker made
 * progress (ratio > 0.2). "Parallel": >= 0.8 x min(workers, cores).
 */
export function judgeCpu(
  presetId: string,
  claim: string,
  trace: Trace,
  expect: 'turns' | 'parallel',
  extra: Record<string, number> = {},
  nuance = '',
): Verdict {
  const n = cpuNumbers(trace);
  const par = n.activeParallelism!;
  const ideal = Math.min(n.workers!, n.cores!);
  let supported: Verdict['supported'];
  let summary: string;
  if (expect === 'turns') {
    supported = par <= 1.15 && n.progressRatio! > 0.2;
    summary = `${n.workers} CPU-bound workers used ${par.toFixed(2)} cores together while they ran (<= 1.15 means one at a time), ` +
      `slowest/fastest progress ${n.progressRatio!.toFixed(2)}.`;
  } else {
    const ready = n.readyParallelism!;
    const busyMachine = par < 0.8 * ideal && ready >= 0.8 * ideal;
    supported = ideal < 2 || busyMachine ? 'partly' : par >= 0.8 * ideal;
    summary = `${n.workers} CPU-bound workers used ${par.toFixed(2)} cores together on ${n.cores} logical cores (ideal ${ideal}).` +
      (ideal < 2 ? ' With one core nothing can run in parallel.' : '') +
      (busyMachine ? ` Other programs kept them waiting for a CPU: running or ready to run they reached ${ready.toFixed(2)}.` : '');
  }
  return { presetId, claim, supported, numbers: { ...n, ...extra }, summary: nuance ? `${summary} ${nuance}` : summary };
}
