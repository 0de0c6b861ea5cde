import { afterAll, describe, expect, it } from 'vitest';
import { bestOf, realEngine, workerMetrics } from '../../support/engine';
import type { Trace } from '../../../src/shared';

// Real threads and processes on this machine's cores, sampled from /proc.
// Ratios only; each claim gets up to three tries on a shared machine. Runs last
// 4 s so the spawn and stop time inside the wall time (~0.4 s) costs < 10%.
const engine = realEngine();
afterAll(() => engine.dispose());

const run = async (kind: 'thread' | 'process', workers: number, durationS = 2.5): Promise<Trace> => {
  const session = await engine.startRun({ kind, workers, workload: 'cpu', durationS });
  const trace = await session.done;
  console.log(`${workers} x ${kind}: parallelism ${trace.metrics?.parallelism.toFixed(2)} wall ${trace.metrics?.wallMs.toFixed(0)} ms`);
  return trace;
};

describe('parallelism of CPU-bound workers (2 cores)', () => {
  it.each(['process', 'thread'] as const)('2 CPU-bound workers of kind %s run in parallel: parallelism >= 1.6', async (kind) => {
    const trace = await bestOf(3, () => run(kind, 2, 4), (t) => (t.metrics?.parallelism ?? 0) >= 1.6);
    const workers = workerMetrics(trace);
    expect(workers).toHaveLength(2);
    for (const w of workers) {
      expect(w.exitReason).toBe('finished');
      expect(w.onCpuMs).toBeGreaterThan(0.5 * (trace.metrics?.wallMs ?? 0));
      expect(w.pid).not.toBeNull();
      expect(w.tid).not.toBeNull();
    }
    if (kind === 'process') expect(new Set(workers.map((w) => w.pid)).size).toBe(2);
    else expect(new Set(workers.map((w) => w.pid))).toEqual(new Set([process.pid]));
    expect(trace.metrics?.parallelism).toBeGreaterThanOrEqual(1.6);
  });

  it('4 CPU-bound workers on 2 cores wait for a CPU (oversubscription shows as run-queue time)', async () => {
    const trace = await run('process', 4, 2);
    const workers = workerMetrics(trace);
    const wall = trace.metrics?.wallMs ?? 0;
    const waited = workers.reduce((n, w) => n + w.waitMs, 0);
    const onCpu = workers.reduce((n, w) => n + w.onCpuMs, 0);
    // Four runnable tasks on two cores: each waits about as long as it runs.
    expect(waited).toBeGreaterThan(0.5 * onCpu);
    expect(waited).toBeGreaterThan(0.5 * wall);
    for (const w of workers) expect(w.waitMs).toBeGreaterThan(0.2 * w.onCpuMs);
    // And the segments say so: runnable (waiting-for-CPU) segments exist for every worker.
    for (const w of workers) expect(trace.segments.some((s) => s.taskId === w.taskId && s.state === 'runnable')).toBe(true);
  });
});
