import { afterAll, describe, expect, it } from 'vitest';
import { activeParallelism } from '../../../src/main/presets/lib';
import { busyLoopCores } from '../../support/baseline';
import { bestOf, realEngine, workerMetrics } from '../../support/engine';
import type { Trace } from '../../../src/shared';

// Real threads and processes on this machine's cores, sampled from /proc.
// Ratios only: parallelism while the workers ran (spawn and stop excluded) is
// compared with two bare busy loops measured right before, so a busy machine
// lowers both; each claim gets up to three tries.
const engine = realEngine();
afterAll(() => engine.dispose());

const run = async (kind: 'thread' | 'process', workers: number, durationS = 2.5): Promise<Trace> => {
  const session = await engine.startRun({ kind, workers, workload: 'cpu', durationS });
  const trace = await session.done;
  console.log(`${workers} x ${kind}: parallelism ${trace.metrics?.parallelism.toFixed(2)} wall ${trace.metrics?.wallMs.toFixed(0)} ms`);
  return trace;
};

describe('parallelism of CPU-bound workers (2 cores)', () => {
  it.each(['process', 'thread'] as const)('2 CPU-bound workers of kind %s run in parallel: >= 0.7 x the cores two bare busy loops get', async (kind) => {
    const measure = async () => ({ baseline: await busyLoopCores(2), trace: await run(kind, 2, 3) });
    const parallel = (m: { baseline: number; trace: Trace }) => activeParallelism(m.trace) >= 0.7 * m.baseline;
    const { baseline, trace } = await bestOf(3, measure, parallel);
    console.log(`  baseline ${baseline.toFixed(2)} cores, workers ${activeParallelism(trace).toFixed(2)} while they ran`);
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
    expect(activeParallelism(trace)).toBeGreaterThanOrEqual(0.7 * baseline);
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
