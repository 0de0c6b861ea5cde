import { describe, expect, it } from 'vitest';
import { runMetric } from '../../../src/main/exercises';
import { workersOnCpuMs } from '../../../src/main/presets/lib/measures';
import { syntheticTrace } from '../../support/synthetic-trace';

describe('runMetric', () => {
  // 3 processes of 3 tasks each: the process's own task and 2 python threads in its address space.
  const trace = syntheticTrace({ processes: 3, threadsPerProcess: 3, seed: 7 });

  it('addressSpaces counts the separate memories among the workers; workers counts their tasks', () => {
    expect(runMetric(trace, 'addressSpaces')).toBe(3);
    expect(runMetric(trace, 'workers')).toBe(9);
    const oneSpace = { ...trace, tasks: trace.tasks.map((t) => ({ ...t, addressSpace: 42 })) };
    expect(runMetric(oneSpace, 'addressSpaces')).toBe(1);
  });

  it('threadCpuMs is the threads\' share of the workers\' on-CPU time, without the processes\' own tasks', () => {
    const threads = runMetric(trace, 'threadCpuMs')!;
    const all = runMetric(trace, 'workerCpuMs')!;
    expect(all).toBeCloseTo(workersOnCpuMs(trace), 6);
    const processIds = new Set(trace.tasks.filter((t) => t.kind === 'process').map((t) => t.id));
    const processMs = trace.segments.filter((s) => processIds.has(s.taskId)).reduce((a, s) => a + s.onCpuNs, 0) / 1e6;
    expect(processMs).toBeGreaterThan(0);
    expect(threads).toBeCloseTo(all - processMs, 6);
  });

  it('unitsPerSecond is absent when the run did not count units', () => {
    expect(runMetric({ ...trace, metrics: trace.metrics ? { ...trace.metrics, unitsPerSecond: null } : null }, 'unitsPerSecond')).toBeUndefined();
  });
});
