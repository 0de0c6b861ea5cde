import { describe, expect, it } from 'vitest';
import type { Segment } from '../../../src/shared';
import { TimelineModel } from '../../../src/timeline/model';
import { binParallelism, columnTotals, parallelismGroups, runningLanes } from '../../../src/timeline/parallelism';
import { taskColorsByTask } from '../../../src/timeline/colors';
import { parallelismPicture, stripBars } from '../../../src/timeline/parallelism-strip';
import { machine, task } from '../renderer/fixtures';

const run = (taskId: string, startMs: number, endMs: number, core: number | null): Segment => ({ taskId, startMs, endMs, state: 'running', core, onCpuNs: (endMs - startMs) * 1e6, waitNs: 0 });
const wait = (taskId: string, startMs: number, endMs: number): Segment => ({ taskId, startMs, endMs, state: 'gil-wait', core: null, onCpuNs: 0, waitNs: 0 });

function series(m: TimelineModel, t0: number, t1: number, columns: number, untilMs = Infinity, by: 'process' | 'task' = 'process') {
  const groups = parallelismGroups(m.tasks, by);
  const out = new Float32Array(columns * groups.keys.length);
  binParallelism(runningLanes(m), groups, t0, (t1 - t0) / columns, columns, new Float32Array(columns * groups.keys.length), out, untilMs);
  return { groups, out, totals: Array.from(columnTotals(out, columns, groups.keys.length)) };
}

describe('parallelism over time', () => {
  it('two GIL-bound threads taking turns every 5 ms stack to 1; the sampler and main thread are not counted', () => {
    const m = new TimelineModel();
    m.reset('r', machine);
    m.upsertTask(task('main', { kind: 'main', addressSpace: 1 }));
    m.upsertTask(task('sampler', { kind: 'sampler', addressSpace: 1 }));
    m.upsertTask(task('g0', { kind: 'gil-thread', addressSpace: 1, requestedMs: 1 }));
    m.upsertTask(task('g1', { kind: 'gil-thread', addressSpace: 1, requestedMs: 2 }));
    const segs: Segment[] = [];
    for (let t = 0; t < 1000; t += 10) {
      segs.push(run('g0', t, t + 5, 0), wait('g1', t, t + 5), wait('g0', t + 5, t + 10), run('g1', t + 5, t + 10, 1));
      segs.push(run('sampler', t, t + 1, 1), run('main', t + 2, t + 3, 0));
    }
    m.appendSegments(segs);
    const { groups, totals } = series(m, 0, 1000, 50);
    expect(groups.keys).toEqual([1]);
    expect(groups.ofTask[0]).toBe(-1);
    expect(groups.ofTask[1]).toBe(-1);
    for (const t of totals) expect(t).toBeCloseTo(1, 5);
  });

  it("by task (the Cores view's colour mode), GIL-bound threads of one process are two groups in their task colours that take turns within 1", () => {
    const m = new TimelineModel();
    m.reset('r', machine);
    m.upsertTask(task('main', { kind: 'main', addressSpace: 1 }));
    m.upsertTask(task('g0', { kind: 'gil-thread', addressSpace: 1, requestedMs: 1 }));
    m.upsertTask(task('g1', { kind: 'gil-thread', addressSpace: 1, requestedMs: 2 }));
    m.appendSegments([run('g0', 0, 50, 0), wait('g1', 0, 50), wait('g0', 50, 100), run('g1', 50, 100, 1)]);
    const { groups, out, totals } = series(m, 0, 100, 2, Infinity, 'task');
    expect(groups.keys).toEqual([1, 2]);
    expect(groups.ofTask[0]).toBe(-1);
    expect(Array.from(out)).toEqual([1, 0, 0, 1]);
    expect(totals).toEqual([1, 1]);
    const pic = parallelismPicture(m, 'dark', 0, 100, 2, Infinity, undefined, 'task');
    const colors = taskColorsByTask(m.tasks, 'dark');
    expect(pic.colors).toEqual([colors[1], colors[2]]);
    expect(pic.labels).toEqual(['g0', 'g1'].map((id) => m.tasks[m.indexOfTask(id)]?.label));
  });

  it('two CPU-bound processes on two cores stack to 2, one group per process, in order of request', () => {
    const m = new TimelineModel();
    m.reset('r', machine);
    m.upsertTask(task('p1', { kind: 'process', addressSpace: 201, pid: 201, requestedMs: 3 }));
    m.upsertTask(task('p0', { kind: 'process', addressSpace: 200, pid: 200, requestedMs: 1 }));
    m.appendSegments([run('p0', 0, 1000, 0), run('p1', 0, 500, 1), run('p1', 500, 1000, null)]);
    const { groups, out, totals } = series(m, 0, 1000, 10);
    expect(groups.keys).toEqual([200, 201]);
    for (const t of totals) expect(t).toBeCloseTo(2, 5);
    // Running without a known core still counts (the "core unknown" lane).
    expect(out[9 * 2 + 1]).toBeCloseTo(1, 5);
  });

  it('is a mean over each column: a task running half a column counts 0.5; a replay time cuts it', () => {
    const m = new TimelineModel();
    m.reset('r', machine);
    m.upsertTask(task('a', { addressSpace: 7 }));
    m.appendSegments([run('a', 0, 15, 0)]);
    expect(series(m, 0, 20, 2).totals).toEqual([1, 0.5]);
    expect(series(m, 0, 20, 2, 5).totals).toEqual([0.5, 0]);
  });

  it('draws a y axis to the core count, higher only when the data is, with one bar per group in a steady run', () => {
    const m = new TimelineModel();
    m.reset('r', machine);
    m.upsertTask(task('p0', { kind: 'process', addressSpace: 200, pid: 200 }));
    m.upsertTask(task('p1', { kind: 'process', addressSpace: 201, pid: 201, requestedMs: 1 }));
    m.appendSegments([run('p0', 0, 100, 0), run('p1', 0, 100, 1)]);
    const pic = parallelismPicture(m, 'light', 0, 100, 100);
    expect(pic.cores).toBe(2);
    expect(pic.yMax).toBe(2);
    expect(pic.colors[0]).not.toBe(pic.colors[1]);
    const bars = stripBars(pic, { plotLeft: 10, plotWidth: 100, top: 0, height: 40 });
    expect(bars).toEqual([
      { x: 10, y: 20, w: 100, h: 20, group: 0 },
      { x: 10, y: 0, w: 100, h: 20, group: 1 },
    ]);
  });
});
