import { describe, expect, it } from 'vitest';
import type { RunInfo, RunParams, Scenario } from '../../../src/shared';
import { isPreset, progressText } from '../../../src/renderer/app/progress-text';
import { initialRunState, reduceEvent, type RunState } from '../../../src/renderer/app/run-state';
import { liveSummary } from '../../../src/renderer/app/live-summary';
import { machine, task } from './fixtures';

const params: RunParams = { workload: 'cpu', kind: 'thread', workers: 1, durationS: 3, workUnits: null, intervalMs: 1, memoryMb: 64, switchIntervalMs: 5, python: 'python3' };
const info = (runId: string, scenarioId: string | null): RunInfo => ({ runId, scenarioId, params, startedAt: '2026-01-01T00:00:00Z', wallMs: 0 });
const measured: Scenario = { id: 'message-cost', title: '', claim: 'c', params: {}, available: true, unavailableReason: null, producesTrace: false };
const sweep: Scenario = { id: 'speedup-sweep', title: '', claim: 'c', params: {}, available: true, unavailableReason: null };
const text = (s: RunState, scenario?: Scenario) => progressText(s, s.progress!, scenario);
const verdict = { presetId: 'message-cost', claim: 'c', supported: true, numbers: {}, summary: 's' };

describe('progress text', () => {
  it('says "measuring…" for a preset without a timeline, then points to the verdict, never "0 µs / 3.00 s"', () => {
    let s = reduceEvent(initialRunState, { type: 'run-started', run: info('mc', 'message-cost'), machine });
    expect(text(s, measured)).toMatch(/^measuring…/);
    s = reduceEvent(s, { type: 'run-ended', runId: 'mc', reason: 'finished', metrics: null });
    s = reduceEvent(s, { type: 'verdict', runId: 'mc', verdict });
    expect(text(s, measured)).toBe('ended (finished) · verdict below');
    expect(text(s, measured)).not.toMatch(/µs/);
  });

  it('numbers the runs of a multi-run preset and shows time for runs with tasks', () => {
    let s = reduceEvent(initialRunState, { type: 'run-started', run: info('a', 'speedup-sweep'), machine });
    s = reduceEvent(s, { type: 'run-ended', runId: 'a', reason: 'finished', metrics: null });
    s = reduceEvent(s, { type: 'run-started', run: info('b', 'speedup-sweep'), machine });
    expect(text(s, sweep)).toBe('run 2 · running · 0 µs / 3.00 s'); // a session's tasks are on their way: not "measuring…"
    s = reduceEvent(s, { type: 'task', task: task('w') });
    s = reduceEvent(s, { type: 'progress', runId: 'b', elapsedMs: 500, durationMs: 1500 });
    expect(text(s, sweep)).toBe('run 2 · running · 500 ms / 1.50 s');
  });

  it('a custom run shows plain time from the start', () => {
    const s = reduceEvent(initialRunState, { type: 'run-started', run: info('c', null), machine });
    expect(text(s)).toMatch(/^running · /);
    expect(isPreset({ id: 'plain-thread', title: '', claim: null, params: {}, available: true, unavailableReason: null })).toBe(false);
    expect(isPreset({ id: 'pools', title: '', claim: 'x', params: {}, available: true, unavailableReason: null })).toBe(true);
  });
});

describe('phases of a multi-run preset', () => {
  it('lists every finished run of the preset with its workers and end, and starts over after the verdict', () => {
    let s = reduceEvent(initialRunState, { type: 'run-started', run: info('p1', 'crash'), machine });
    s = reduceEvent(s, { type: 'task', task: task('t0', { kind: 'thread' }) });
    s = reduceEvent(s, { type: 'task', task: task('m', { kind: 'main' }) });
    s = reduceEvent(s, { type: 'run-ended', runId: 'p1', reason: 'finished', metrics: null });
    s = reduceEvent(s, { type: 'run-started', run: info('p2', 'crash'), machine });
    s = reduceEvent(s, { type: 'task', task: task('a', { kind: 'process' }) });
    s = reduceEvent(s, { type: 'task', task: task('b', { kind: 'process' }) });
    s = reduceEvent(s, { type: 'run-ended', runId: 'p2', reason: 'finished', metrics: null });
    s = reduceEvent(s, { type: 'verdict', runId: 'p2', verdict: { ...verdict, presetId: 'crash' } });
    expect(s.presetRun?.earlier).toEqual([
      { index: 1, workers: '1 thread', reason: 'finished' },
      { index: 2, workers: '2 process', reason: 'finished' },
    ]);
    s = reduceEvent(s, { type: 'run-started', run: info('p3', 'crash'), machine });
    expect(s.presetRun).toEqual({ scenarioId: 'crash', index: 1, earlier: [] });
  });
});

describe('a traced program (Run my own program)', () => {
  it('shows elapsed time without a planned length and is not counted as a preset', () => {
    let s = reduceEvent(initialRunState, { type: 'run-started', run: info('trace-1', 'trace'), machine });
    s = reduceEvent(s, { type: 'task', task: task('c', { kind: 'command', label: 'python3 pid 5' }) });
    s = reduceEvent(s, { type: 'progress', runId: 'trace-1', elapsedMs: 700, durationMs: 3000 });
    expect(s.presetRun).toBeNull();
    expect(text(s)).toBe('running · 700 ms');
    expect(liveSummary(s)).toBe('Running a traced program (python3 pid 5), 1 tasks: 700 ms.');
  });
});
