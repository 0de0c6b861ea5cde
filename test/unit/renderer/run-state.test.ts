import { describe, expect, it } from 'vitest';
import type { Metrics, RunInfo } from '../../../src/shared';
import { initialRunState, pushCoreHistory, reduceEvent, HISTORY_LENGTH } from '../../../src/renderer/app/run-state';
import { speedupPoints } from '../../../src/renderer/app/speedup';
import { liveSummary } from '../../../src/renderer/app/live-summary';
import { machine, task } from './fixtures';
import { verdictFixture } from '../../support/verdict';

const run = (kind: 'thread' | 'process', workers: number, id = `r-${kind}-${workers}`): RunInfo => ({
  runId: id,
  scenarioId: null,
  params: {
    workload: 'cpu',
    kind,
    workers,
    durationS: 2,
    workUnits: null,
    intervalMs: 1,
    memoryMb: 64,
    switchIntervalMs: 5,
    python: 'python3', source: 'auto',
  },
  startedAt: '2026-01-01T00:00:00Z',
  wallMs: 0,
});

const metrics = (ups: number | null, parallelism = 1.8): Metrics => ({
  wallMs: 2000,
  cpuMs: 3600,
  parallelism,
  tasks: [],
  cores: [],
  sampler: null,
  unitsPerSecond: ups,
});

function finish(kind: 'thread' | 'process', workers: number, ups: number | null, state = initialRunState) {
  const r = run(kind, workers);
  let s = reduceEvent(state, { type: 'run-started', run: r, machine });
  for (let i = 0; i < workers; i++) s = reduceEvent(s, { type: 'task', task: task(`w${i}`, { kind }) });
  s = reduceEvent(s, { type: 'task', task: task('main', { kind: 'main' }) });
  return reduceEvent(s, { type: 'run-ended', runId: r.runId, reason: 'finished', metrics: metrics(ups) });
}

describe('run state', () => {
  it('goes running -> ended, keeps the summary and records the run for the speedup plot', () => {
    const r = run('process', 2);
    let s = reduceEvent(initialRunState, { type: 'run-started', run: r, machine });
    expect(s.status).toBe('running');
    expect(s.progress?.durationMs).toBe(2000);
    s = reduceEvent(s, { type: 'task', task: task('w0', { kind: 'process' }) });
    s = reduceEvent(s, { type: 'task', task: task('w0', { kind: 'process', exitReason: 'finished' }) });
    expect(s.tasks).toHaveLength(1);
    expect(liveSummary(s)).toMatch(/Running 1 process worker,/);
    s = reduceEvent(s, { type: 'run-ended', runId: r.runId, reason: 'stopped', metrics: metrics(100) });
    expect(s.status).toBe('ended');
    expect(s.history).toHaveLength(1);
    expect(liveSummary(s)).toMatch(/Run stopped: 1 process worker,.*parallelism 1\.80/);
  });

  it('keeps a valid verdict; one that is not a verdict never reaches the page (the event is refused on arrival)', () => {
    const r = run('thread', 1);
    const ended = reduceEvent(reduceEvent(initialRunState, { type: 'run-started', run: r, machine }), { type: 'run-ended', runId: r.runId, reason: 'finished', metrics: null });
    const s = reduceEvent(ended, { type: 'verdict', runId: r.runId, verdict: { presetId: 'p', claim: 'c', supported: 'partly', numbers: { x: 1 }, summary: 's' } });
    // A version 1 verdict (an older trace file) is read as version 2.
    expect(s.verdict).toMatchObject({ version: 2, status: 'partly', explanation: 's', raw: { x: 1 }, numbers: [{ key: 'x', label: 'x', value: 1, unit: '' }] });
    const v2 = reduceEvent(ended, { type: 'verdict', runId: r.runId, verdict: verdictFixture('p', { status: 'inconclusive' }) });
    expect(v2.verdict?.status).toBe('inconclusive');
    const bad = reduceEvent(ended, { type: 'verdict', runId: r.runId, verdict: { nonsense: true } });
    expect(bad.verdict).toBeNull();
    expect(bad.errors.at(-1)).toMatch(/verdict/);
  });

  it('keeps per-memory samples by address space and by task', () => {
    const s = reduceEvent(initialRunState, {
      type: 'memory',
      runId: 'r',
      samples: [
        { tMs: 1, addressSpace: 10, rssBytes: 100 },
        { tMs: 1, addressSpace: 10, rssBytes: 0, taskId: 't', sharedBytes: 64 },
      ],
    });
    expect(s.memory.spaces[10]?.rssBytes).toBe(100);
    expect(s.memory.tasks.t?.sharedBytes).toBe(64);
  });

  it("keeps an address space's last size when it reads 0 B on exit, and takes any new size", () => {
    const at = (rssBytes: number, from = initialRunState) => reduceEvent(from, { type: 'memory', runId: 'r', samples: [{ tMs: 1, addressSpace: 10, rssBytes }] });
    expect(at(0, at(100)).memory.spaces[10]?.rssBytes).toBe(100);
    expect(at(120, at(100)).memory.spaces[10]?.rssBytes).toBe(120);
    expect(at(0).memory.spaces[10]?.rssBytes).toBe(0);
  });

  it('keeps a short per-core history', () => {
    let s = initialRunState;
    for (let i = 0; i < HISTORY_LENGTH + 5; i++) s = pushCoreHistory(s, [i, 1]);
    expect(s.coreHistory[0]).toHaveLength(HISTORY_LENGTH);
    expect(s.coreHistory[0]?.at(-1)).toBe(HISTORY_LENGTH + 4);
  });
});

describe('speedupPoints', () => {
  it('uses throughput against the 1-worker run of the same kind, else parallelism (marked)', () => {
    let s = finish('process', 1, 100);
    s = finish('process', 2, 190, s);
    s = finish('thread', 2, 50, s);
    const points = speedupPoints(s.history);
    const p2 = points.find((p) => p.series.startsWith('process') && p.workers === 2);
    expect(p2?.speedup).toBeCloseTo(1.9);
    expect(p2?.basis).toBe('throughput');
    const t2 = points.find((p) => p.series.startsWith('thread'));
    expect(t2?.basis).toBe('parallelism');
    expect(t2?.speedup).toBeCloseTo(1.8);
  });
});
