import { describe, expect, it } from 'vitest';
import { runDeltas } from '../../../src/renderer/app/run-deltas';
import type { Metrics } from '../../../src/shared';
import { task, trace } from './fixtures';

const metrics = (over: Partial<Metrics>): Metrics => ({ wallMs: 1000, cpuMs: 1000, parallelism: 1, tasks: [], cores: [], sampler: null, unitsPerSecond: null, ...over });

describe('runDeltas', () => {
  it('puts GIL threads (one core) against processes (two): parallelism, times and throughput with B against A', () => {
    const gil = trace({ metrics: metrics({ wallMs: 2000, cpuMs: 2000, parallelism: 0.98, unitsPerSecond: 500 }), tasks: [task('w0', { requestedMs: 0, startedMs: 40 })] });
    const procs = trace({ metrics: metrics({ wallMs: 2000, cpuMs: 3800, parallelism: 1.9, unitsPerSecond: 960 }), tasks: [task('w0', { requestedMs: 0, startedMs: 120 }), task('w1', { requestedMs: 0, startedMs: 140 })] });
    const rows = Object.fromEntries(runDeltas(gil, procs).map((r) => [r.label, r]));
    expect(rows['parallelism (cores used)']).toEqual({ label: 'parallelism (cores used)', a: '0.98', b: '1.90', delta: '+0.92' });
    expect(rows['CPU time']?.delta).toBe('1.90x');
    expect(rows['work done per second']).toMatchObject({ a: '500 units/s', b: '960 units/s', delta: '1.92x' });
    expect(rows['slowest worker start']?.delta).toBe('3.50x');
  });
  it('shows a dash and no delta where a run has no number', () => {
    const rows = runDeltas(trace({ metrics: null }), trace({ metrics: metrics({}) }));
    expect(rows.find((r) => r.label === 'CPU time')).toEqual({ label: 'CPU time', a: '–', b: '1.00 s', delta: null });
  });
});
