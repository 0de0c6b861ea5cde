import { describe, expect, it } from 'vitest';
import type { Metrics, RunInfo, RunParams } from '../../../src/shared';
import { initialRunState, reduceEvent, type RunState } from '../../../src/renderer/app/run-state';
import { speedupPoints } from '../../../src/renderer/app/speedup';
import { machine, task } from './fixtures';

const params = (over: Partial<RunParams> = {}): RunParams => ({
  workload: 'cpu',
  kind: 'thread',
  workers: 2,
  durationS: 2,
  workUnits: null,
  intervalMs: 1,
  memoryMb: 64,
  switchIntervalMs: 5,
  python: 'python3',
  ...over,
});
const info = (runId: string, over: Partial<RunParams> = {}, scenarioId: string | null = null): RunInfo => ({
  runId,
  scenarioId,
  params: params(over),
  startedAt: '2026-01-01T00:00:00Z',
  wallMs: 0,
});
const metrics = (ups: number, parallelism = 1): Metrics => ({ wallMs: 1000, cpuMs: 1000 * parallelism, parallelism, tasks: [], cores: [], sampler: null, unitsPerSecond: ups });

/** A run whose workers have the given kinds (the form's kind is `formKind`). */
function finish(s: RunState, runId: string, kinds: string[], ups: number, over: Partial<RunParams> = {}, scenarioId: string | null = null, verdict?: unknown) {
  s = reduceEvent(s, { type: 'run-started', run: info(runId, over, scenarioId), machine });
  kinds.forEach((k, i) => (s = reduceEvent(s, { type: 'task', task: task(`${runId}-w${i}`, { kind: k as 'thread' }) })));
  s = reduceEvent(s, { type: 'task', task: task(`${runId}-main`, { kind: 'main' }) });
  s = reduceEvent(s, { type: 'run-ended', runId, reason: 'finished', metrics: metrics(ups, kinds.length * 0.9) });
  return verdict === undefined ? s : reduceEvent(s, { type: 'verdict', runId, verdict });
}

describe('speedup records', () => {
  it("uses the workers' own kind, not the form's", () => {
    const s = finish(initialRunState, 'a', ['process', 'process', 'process', 'process'], 400, { kind: 'thread', workload: 'cpu' });
    expect(s.history.map((r) => [r.kind, r.workers])).toEqual([['process', 4]]);
  });

  it('skips runs that mix kinds, I/O-bound runs and the sweep’s sub-runs', () => {
    let s = finish(initialRunState, 'mixed', ['process', 'process', 'thread', 'thread'], 400);
    s = finish(s, 'io', ['thread', 'thread'], 300, { workload: 'io' });
    s = finish(s, 'sub', ['thread'], 300, {}, 'speedup-sweep');
    s = finish(s, 'none', [], 0);
    expect(s.history).toEqual([]);
  });

  it('speedup is units/s against the 1-worker run of the same kind and workload', () => {
    let s = finish(initialRunState, 'one', ['thread'], 100);
    s = finish(s, 'two', ['thread', 'thread'], 190);
    s = finish(s, 'p2', ['process', 'process'], 500); // no 1-process run: parallelism, marked so
    const points = speedupPoints(s.history, s.sweepPoints);
    expect(points.find((p) => p.series === 'thread · cpu' && p.workers === 2)).toMatchObject({ basis: 'throughput', speedup: 1.9 });
    expect(points.find((p) => p.series === 'process · cpu')).toMatchObject({ basis: 'parallelism', speedup: 1.8 });
  });

  it("feeds the sweep's verdict numbers to the plot", () => {
    const verdict = {
      presetId: 'speedup-sweep',
      claim: 'c',
      supported: true,
      numbers: { cores: 2, 'thread.1.speedup': 1, 'thread.2.speedup': 1.85, 'thread.2.parallelism': 1.9, 'gil-thread.2.speedup': 0.98 },
      summary: 's',
    };
    const s = finish(initialRunState, 'last', ['gil-thread', 'gil-thread'], 50, {}, 'speedup-sweep', verdict);
    expect(s.history).toEqual([]);
    const points = speedupPoints(s.history, s.sweepPoints);
    expect(points.map((p) => [p.series, p.workers, p.speedup])).toEqual([
      ['gil-thread · cpu (sweep)', 2, 0.98],
      ['thread · cpu (sweep)', 1, 1],
      ['thread · cpu (sweep)', 2, 1.85],
    ]);
  });

  it('counts the runs of a multi-run preset and starts over after its verdict', () => {
    let s = finish(initialRunState, 's1', ['thread'], 1, {}, 'speedup-sweep');
    s = finish(s, 's2', ['thread'], 1, {}, 'speedup-sweep');
    s = reduceEvent(s, { type: 'run-started', run: info('s3', {}, 'speedup-sweep'), machine });
    expect(s.presetRun).toMatchObject({ scenarioId: 'speedup-sweep', index: 3 });
    s = reduceEvent(s, { type: 'run-ended', runId: 's3', reason: 'finished', metrics: null });
    s = reduceEvent(s, { type: 'verdict', runId: 's3', verdict: { presetId: 'speedup-sweep', claim: 'c', supported: true, numbers: {}, summary: 's' } });
    s = reduceEvent(s, { type: 'run-started', run: info('s4', {}, 'speedup-sweep'), machine });
    expect(s.presetRun?.index).toBe(1);
    s = reduceEvent(s, { type: 'run-started', run: info('c', {}, null), machine });
    expect(s.presetRun).toBeNull();
  });
});
