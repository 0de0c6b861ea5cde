import { describe, expect, it } from 'vitest';
import { LaneColumns } from '../../../src/timeline/lane-columns';
import { TimelineModel } from '../../../src/timeline/model';
import { STATE_INDEX } from '../../../src/timeline/segment-store';
import { machine, task } from '../renderer/fixtures';

describe('LaneColumns', () => {
  it('keeps segments sorted by start when a batch arrives out of order, and grows past its capacity', () => {
    const lane = new LaneColumns();
    for (let i = 0; i < 1000; i++) lane.push(i * 10, i * 10 + 5, 0, i);
    lane.push(15, 16, 1, 9999);
    expect(lane.length).toBe(1001);
    const starts = Array.from(lane.start.subarray(0, lane.length));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(lane.segment[2]).toBe(9999);
  });

  it('finds the first segment that may overlap a time, using the longest duration', () => {
    const lane = new LaneColumns();
    lane.push(0, 100, 0, 0);
    lane.push(100, 101, 0, 1);
    lane.push(200, 201, 0, 2);
    expect(lane.firstVisible(50)).toBe(0);
    const short = new LaneColumns();
    for (let i = 0; i < 10; i++) short.push(i * 10, i * 10 + 1, 0, i);
    expect(short.firstVisible(55)).toBe(6);
  });
});

describe('TimelineModel', () => {
  it('puts each segment in its task lane and running ones in their core lane', () => {
    const m = new TimelineModel();
    m.reset('r1', machine);
    m.upsertTask(task('a'));
    m.upsertTask(task('b', { addressSpace: 200, pid: 200, tid: 200, kind: 'process' }));
    m.appendSegments([
      { taskId: 'a', startMs: 0, endMs: 10, state: 'running', core: 0, onCpuNs: 1e7, waitNs: 0 },
      { taskId: 'b', startMs: 0, endMs: 10, state: 'running', core: 1, onCpuNs: 1e7, waitNs: 0 },
      { taskId: 'a', startMs: 10, endMs: 20, state: 'sleep', core: null, onCpuNs: 0, waitNs: 0 },
      { taskId: 'b', startMs: 10, endMs: 20, state: 'running', core: null, onCpuNs: 0, waitNs: 0 },
    ]);
    expect(m.segments.length).toBe(4);
    expect(m.taskLanes[0]?.length).toBe(2);
    expect(m.coreLanes[0]?.length).toBe(1);
    expect(m.coreLanes[1]?.category[0]).toBe(1);
    expect(m.unknownCoreLane.length).toBe(1);
    expect(m.taskLanes[0]?.category[1]).toBe(STATE_INDEX.sleep);
    expect(m.endMs).toBe(20);
    expect(m.coreBusyShare(0, 0, 20)).toBeCloseTo(0.5);
    expect(m.segments.get(1)).toMatchObject({ task: 1, state: 'running', core: 1, onCpuMs: 10 });
  });

  it('drops segments of tasks never announced instead of inventing a task', () => {
    const m = new TimelineModel();
    m.reset('r1', machine);
    m.appendSegments([{ taskId: 'ghost', startMs: 0, endMs: 1, state: 'running', core: 0, onCpuNs: 0, waitNs: 0 }]);
    expect(m.segments.length).toBe(0);
    expect(m.droppedSegments).toBe(1);
  });

  it('orders task lanes by address space, the process before its threads', () => {
    const m = new TimelineModel();
    m.reset('r', machine);
    m.upsertTask(task('t1', { addressSpace: 1, requestedMs: 5 }));
    m.upsertTask(task('p2', { addressSpace: 2, kind: 'process', requestedMs: 1 }));
    m.upsertTask(task('main', { addressSpace: 1, kind: 'main', requestedMs: 0 }));
    expect(m.taskOrder().map((i) => m.tasks[i]?.id)).toEqual(['main', 't1', 'p2']);
  });

  it('notifies listeners on change and stops after the disposer runs', () => {
    const m = new TimelineModel();
    let calls = 0;
    const off = m.onChange(() => calls++);
    m.upsertTask(task('a'));
    off();
    m.upsertTask(task('b'));
    expect(calls).toBe(1);
  });

  it('grows the segment store across chunk boundaries', () => {
    const m = new TimelineModel();
    m.reset('r', machine);
    m.upsertTask(task('a'));
    for (let i = 0; i < 70_000; i++) m.appendRaw(0, i, i + 1, STATE_INDEX.running, i % 2, 1);
    expect(m.segments.length).toBe(70_000);
    expect(m.segments.get(69_999)).toMatchObject({ start: 69_999, core: 1 });
    expect(m.coreLanes[1]?.length).toBe(35_000);
  });
});

describe('TimelineModel.changedSince', () => {
  it('tells a view the earliest time touched since it drew, or to redraw all when tasks changed', () => {
    const m = new TimelineModel();
    m.reset('r', machine);
    m.upsertTask(task('a'));
    const drawn = m.version;
    expect(m.changedSince(drawn)).toBe(Infinity);
    m.appendSegments([{ taskId: 'a', startMs: 500, endMs: 600, state: 'running', core: 0, onCpuNs: 0, waitNs: 0 }]);
    m.appendSegments([{ taskId: 'a', startMs: 300, endMs: 400, state: 'sleep', core: null, onCpuNs: 0, waitNs: 0 }]);
    expect(m.changedSince(drawn)).toBe(300);
    expect(m.changedSince(drawn + 1)).toBe(300);
    const later = m.version;
    m.upsertTask(task('b'));
    expect(m.changedSince(later)).toBe(-Infinity);
  });
});
