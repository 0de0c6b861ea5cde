import { describe, expect, it } from 'vitest';
import { liveSummary } from '../../../src/renderer/app/live-summary';
import { initialRunState, type RunState } from '../../../src/renderer/app/run-state';
import type { Scenario } from '../../../src/shared';
import { verdictFixture } from '../../support/verdict';

const raceCounter: Scenario = { id: 'race-counter', title: 'Shared counter: plain vs Atomics', claim: 'c', params: { kind: 'thread', workers: 2 }, available: true, unavailableReason: null, producesTrace: false };
const run = { runId: 'r', scenarioId: 'race-counter', params: null, startedAt: 'now', wallMs: 0 } as unknown as RunState['run'];

describe('liveSummary for a preset without a timeline', () => {
  it('says it measures, then reads out the verdict, never "0 thread workers"', () => {
    const running: RunState = { ...initialRunState, connection: 'open', run, status: 'running' };
    expect(liveSummary(running, raceCounter)).toBe('Measuring Shared counter: plain vs Atomics (no timeline; the verdict comes at the end).');
    const ended: RunState = { ...running, status: 'ended', verdict: verdictFixture('race-counter', { status: 'not-supported', explanation: 'It lost nothing.' }) };
    expect(liveSummary(ended, raceCounter)).toBe('Shared counter: plain vs Atomics: not supported. It lost nothing.');
    expect(liveSummary(ended, raceCounter)).not.toMatch(/workers/);
  });
});

describe('liveSummary for a run that mixes kinds', () => {
  it("counts each kind: 2 processes plus 2 added threads are not \"4 process workers\"", async () => {
    const { task } = await import('./fixtures');
    const mixed = { runId: 'r', scenarioId: null, params: { kind: 'process', workload: 'cpu', workers: 2, durationS: 10 }, startedAt: 'now' } as unknown as RunState['run'];
    const tasks = [task('m', { kind: 'main' }), task('p0', { kind: 'process' }), task('p1', { kind: 'process' }), task('t0', { kind: 'thread' }), task('t1', { kind: 'thread' })];
    const state: RunState = { ...initialRunState, connection: 'open', run: mixed, status: 'running', tasks, progress: { elapsedMs: 1000, durationMs: 10_000 } };
    expect(liveSummary(state)).toBe('Running 2 process workers and 2 thread workers, cpu workload: 1.00 s of 10.0 s.');
    expect(liveSummary({ ...state, tasks: tasks.slice(0, 2) })).toBe('Running 1 process worker, cpu workload: 1.00 s of 10.0 s.');
  });
});
