import { describe, expect, it } from 'vitest';
import { addSessionRun, describeSessionRun } from '../../../src/renderer/app/session-runs';
import type { Segment } from '../../../src/shared';
import { task, trace } from './fixtures';

const seg = (taskId: string, startMs: number): Segment => ({ taskId, startMs, endMs: startMs + 1, state: 'running', core: 0, onCpuNs: 1e6, waitNs: 0 });

describe('describeSessionRun', () => {
  it('says what ran and names the workers that did not end as planned', () => {
    const t = trace({
      run: { runId: 'a', scenarioId: 'crash', params: { workload: 'cpu', kind: 'thread', workers: 3, durationS: 2, intervalMs: 1 }, startedAt: 'now', wallMs: 2010 } as never,
      tasks: [task('main', { kind: 'main', exitReason: 'finished', exitMs: 1 }), task('w0', { label: 'thread 0', exitReason: 'crashed', exitMs: 5 }), task('w1', { label: 'thread 1', exitReason: 'finished', exitMs: 9 })],
    });
    const r = describeSessionRun(t, 1);
    expect(r.what).toBe('2 thread workers, cpu workload, 2.01 s');
    expect(r.exits).toBe('thread 0 crashed');
    expect(r.presetIndex).toBe(1);
  });
  it('has no exits line when every worker ended as planned', () => {
    expect(describeSessionRun(trace({ tasks: [task('w0', { exitReason: 'finished', exitMs: 1 })] }), null).exits).toBeNull();
  });
});

describe('addSessionRun', () => {
  const run = (id: string, segments = 0) => describeSessionRun(trace({ run: { ...trace().run, runId: id }, segments: Array.from({ length: segments }, (_, i) => seg('w0', i)) }), null);
  it('keeps runs newest last, replaces a run shown twice, and drops the oldest past the run limit', () => {
    let list = addSessionRun([], run('a'));
    list = addSessionRun(list, run('b'));
    list = addSessionRun(list, run('a'));
    expect(list.map((r) => r.runId)).toEqual(['b', 'a']);
    for (const id of ['c', 'd', 'e']) list = addSessionRun(list, run(id), { runs: 3, segments: 100 });
    expect(list.map((r) => r.runId)).toEqual(['c', 'd', 'e']);
  });
  it('drops the oldest past the segment limit, but always keeps the newest run', () => {
    let list = addSessionRun([], run('a', 60), { runs: 10, segments: 100 });
    list = addSessionRun(list, run('b', 60), { runs: 10, segments: 100 });
    expect(list.map((r) => r.runId)).toEqual(['b']);
    expect(addSessionRun([], run('huge', 500), { runs: 10, segments: 100 }).map((r) => r.runId)).toEqual(['huge']);
  });
});
