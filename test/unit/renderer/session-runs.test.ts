import { describe, expect, it } from 'vitest';
import { addSessionRun, describeSessionRun, sessionRunTitle } from '../../../src/renderer/app/session-runs';
import type { RunInfo, Scenario } from '../../../src/shared';
import { task, trace } from './fixtures';

const crashRun = { runId: 'a', scenarioId: 'crash', params: { workload: 'cpu', kind: 'thread', workers: 3, durationS: 2, intervalMs: 1 }, startedAt: 'now', wallMs: 0 } as unknown as RunInfo;

describe('describeSessionRun', () => {
  it('says what ran and names the workers that did not end as planned', () => {
    const tasks = [task('main', { kind: 'main', exitReason: 'finished', exitMs: 1 }), task('w0', { label: 'thread 0', exitReason: 'crashed', exitMs: 5 }), task('w1', { label: 'thread 1', exitReason: 'finished', exitMs: 9 })];
    const r = describeSessionRun(crashRun, tasks, 2010, 1);
    expect(r).toEqual({ runId: 'a', scenarioId: 'crash', presetIndex: 1, what: '2 thread workers, cpu workload, 2.01 s', exits: 'thread 0 crashed' });
  });
  it('has no exits line when every worker ended as planned', () => {
    expect(describeSessionRun(trace().run, [task('w0', { exitReason: 'finished', exitMs: 1 })], 100, null).exits).toBeNull();
  });
});

describe('addSessionRun', () => {
  const run = (id: string) => describeSessionRun({ ...trace().run, runId: id }, [], 1, null);
  it('keeps runs newest last, replaces a run listed twice, and drops the oldest past the limit', () => {
    let list = addSessionRun([], run('a'));
    list = addSessionRun(list, run('b'));
    list = addSessionRun(list, run('a'));
    expect(list.map((r) => r.runId)).toEqual(['b', 'a']);
    for (const id of ['c', 'd', 'e']) list = addSessionRun(list, run(id), 3);
    expect(list.map((r) => r.runId)).toEqual(['c', 'd', 'e']);
  });
});

describe('sessionRunTitle', () => {
  const scenarios = [{ id: 'crash', title: 'Crash' }] as Scenario[];
  it("names a preset's run by its title and number, and the others by what they are", () => {
    expect(sessionRunTitle(describeSessionRun(crashRun, [], 1, 2), scenarios)).toBe('Crash, run 2');
    expect(sessionRunTitle(describeSessionRun({ ...crashRun, scenarioId: null }, [], 1, null), scenarios)).toBe('Custom run');
    expect(sessionRunTitle(describeSessionRun({ ...crashRun, scenarioId: 'trace' }, [], 1, null), scenarios)).toBe('Traced program');
  });
});
