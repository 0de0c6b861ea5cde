import { describe, expect, it } from 'vitest';
import { rangeDetails, taskDetails } from '../../../src/timeline/details';
import { TimelineModel } from '../../../src/timeline/model';
import type { Segment, TaskState } from '../../../src/shared';
import { task } from '../renderer/fixtures';

const seg = (taskId: string, startMs: number, endMs: number, state: TaskState, core: number | null = null): Segment => ({
  taskId,
  startMs,
  endMs,
  state,
  core: state === 'running' ? core : null,
  onCpuNs: state === 'running' ? (endMs - startMs) * 1e6 : 0,
  waitNs: 0,
});

function model(): TimelineModel {
  const m = new TimelineModel();
  m.reset('r', null);
  m.upsertTask(task('main', { kind: 'main' }));
  m.upsertTask(task('w0'));
  m.upsertTask(task('w1'));
  m.appendSegments([
    seg('main', 0, 100, 'running', 0),
    seg('w0', 0, 10, 'running', 0),
    seg('w0', 10, 30, 'runnable'),
    seg('w0', 30, 50, 'running', 1),
    seg('w0', 50, 60, 'gil-wait'),
    seg('w0', 60, 100, 'running', 0),
    seg('w1', 0, 100, 'running', 1),
  ]);
  return m;
}

describe('taskDetails', () => {
  it('adds up states, CPU, per-core running time, migrations and the longest waits in the window', () => {
    const d = taskDetails(model(), 1, 0, 100);
    expect(d.byState).toEqual({ running: 70, runnable: 20, 'gil-wait': 10 });
    expect(d.onCpuMs).toBeCloseTo(70, 6);
    expect(d.byCore).toEqual([
      { core: 0, ms: 50 },
      { core: 1, ms: 20 },
    ]);
    expect(d.migrations).toBe(2);
    expect([d.longestRunnableMs, d.longestGilWaitMs]).toEqual([20, 10]);
  });
  it('clips segments to the window, CPU by overlap', () => {
    const d = taskDetails(model(), 1, 5, 40);
    expect(d.byState).toEqual({ running: 15, runnable: 20 });
    expect(d.onCpuMs).toBeCloseTo(15, 6);
    expect(d.migrations).toBe(1);
  });
});

describe('rangeDetails', () => {
  it("counts the run's workers' CPU per ms of the window as parallelism, Corelanes' own threads left out", () => {
    const r = rangeDetails(model(), 0, 100);
    expect(r.parallelism).toBeCloseTo(1.7, 6);
    expect(r.tasks.map((t) => [t.task, Math.round(t.onCpuMs)])).toEqual([
      [0, 100],
      [2, 100],
      [1, 70],
    ]);
    expect(r.tasks.find((t) => t.task === 1)).toMatchObject({ runnableMs: 20 });
  });
});
