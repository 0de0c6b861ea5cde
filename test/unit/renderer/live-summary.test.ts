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
