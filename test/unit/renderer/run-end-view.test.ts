import { describe, expect, it } from 'vitest';
import type { Metrics, RunInfo } from '../../../src/shared';
import { initialRunState, reduceEvent } from '../../../src/renderer/app/run-state';
import { TimelineViewState } from '../../../src/renderer/timeline/view-state';
import { machine } from './fixtures';

const run: RunInfo = {
  runId: 'r',
  scenarioId: null,
  params: { workload: 'cpu', kind: 'thread', workers: 2, durationS: 10, workUnits: null, intervalMs: 1, memoryMb: 64, switchIntervalMs: 5, python: 'python3', source: 'auto' },
  startedAt: '2026-01-01T00:00:00Z',
  wallMs: 0,
};
const metrics = (wallMs: number): Metrics => ({ wallMs, cpuMs: 1, parallelism: 1, tasks: [], cores: [], sampler: null, unitsPerSecond: null });

describe('progress and wall time', () => {
  it('never show two clocks: progress catches up with the wall time the metrics report', () => {
    let s = reduceEvent(initialRunState, { type: 'run-started', run, machine });
    s = reduceEvent(s, { type: 'metrics', runId: 'r', metrics: metrics(9060) });
    s = reduceEvent(s, { type: 'progress', runId: 'r', elapsedMs: 8260, durationMs: 10_000 });
    expect(s.progress?.elapsedMs).toBe(9060);
    s = reduceEvent(s, { type: 'progress', runId: 'r', elapsedMs: 9500, durationMs: 10_000 });
    expect(s.progress?.elapsedMs).toBe(9500);
    s = reduceEvent(s, { type: 'run-ended', runId: 'r', reason: 'finished', metrics: metrics(11_100) });
    expect(s.progress?.elapsedMs).toBe(11_100);
  });
});

describe('view at the end of a run', () => {
  it('stops following and fits the whole run; a view the user set is kept', () => {
    const v = new TimelineViewState();
    v.startRun(10_000);
    v.dataChanged(14_000);
    expect(v.viewport.t0).toBeGreaterThan(0);
    v.endRun(14_000);
    expect(v.following).toBe(false);
    expect(v.viewport.t0).toBe(0);
    expect(v.viewport.t1).toBeGreaterThanOrEqual(14_000);
    v.setViewport({ t0: 100, t1: 200 }, true);
    v.startRun(10_000);
    v.setViewport({ t0: 100, t1: 200 }, true);
    v.endRun(14_000);
    expect(v.viewport).toEqual({ t0: 100, t1: 200 });
  });
});
