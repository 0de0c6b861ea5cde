import { describe, expect, it } from 'vitest';
import type { Segment } from '../../../src/shared';
import { buildCoreLanes, buildTaskLanes } from '../../../src/timeline/lane-builder';
import { TimelineModel } from '../../../src/timeline/model';
import { machine, task } from '../renderer/fixtures';

const running = (taskId: string, startMs: number, endMs: number, core: number | null): Segment => ({ taskId, startMs, endMs, state: 'running', core, onCpuNs: 0, waitNs: 0 });

describe('GIL lane', () => {
  it('shows who holds the GIL from the hand-over markers, each holding until the next, the last until the run ends', () => {
    const m = new TimelineModel();
    m.reset('r', machine);
    const a = m.upsertTask(task('a', { kind: 'gil-thread' }));
    const b = m.upsertTask(task('b', { kind: 'gil-thread' }));
    expect(buildTaskLanes(m, 'light', -1).map((l) => l.key)).not.toContain('gil');
    // Out of order across batches, and markers of other kinds or unknown tasks are ignored.
    m.appendMarkers([
      { tMs: 10, kind: 'gil-handover', taskId: 'b', peerTaskId: 'a' },
      { tMs: 12, kind: 'phase', taskId: 'a' },
      { tMs: 13, kind: 'gil-handover', taskId: 'nobody', peerTaskId: 'b' },
    ]);
    m.appendMarkers([
      { tMs: 0, kind: 'gil-handover', taskId: 'a', peerTaskId: null },
      { tMs: 15, kind: 'gil-handover', taskId: 'a', peerTaskId: 'b' },
    ]);
    const lanes = buildTaskLanes(m, 'light', -1);
    expect(lanes[0]?.key).toBe('gil');
    const gil = lanes[0]!.columns;
    const slices = () => Array.from({ length: gil.length }, (_, i) => [gil.start[i], gil.end[i], gil.category[i]]);
    expect(slices()).toEqual([
      [0, 10, a],
      [10, 15, b],
    ]);
    m.closeGil(20);
    expect(slices()).toEqual([
      [0, 10, a],
      [10, 15, b],
      [15, 20, a],
    ]);
    expect(m.gilHandover(1)).toEqual({ holder: b, startMs: 10, endMs: 15, previous: a });
    m.reset('r2', machine);
    expect(m.gilLane.length).toBe(0);
  });
});

describe('core unknown lane', () => {
  it('is hidden on a machine that reports cores unless it holds >= 1% of the running time', () => {
    const m = new TimelineModel();
    m.reset('r', machine);
    m.upsertTask(task('a'));
    m.appendSegments([running('a', 0, 1000, 0), running('a', 1000, 1005, null)]);
    expect(buildCoreLanes(m, 'light', -1).map((l) => l.label)).toEqual(['core 0', 'core 1']);
    m.appendSegments([running('a', 1005, 1030, null)]);
    expect(buildCoreLanes(m, 'light', -1).map((l) => l.label)).toEqual(['core 0', 'core 1', 'core unknown']);
  });

  it('is always there when the OS does not report cores', () => {
    const m = new TimelineModel();
    m.reset('r', { ...machine, coresObservable: false });
    expect(buildCoreLanes(m, 'light', -1).map((l) => l.note)).toEqual(['the OS does not report cores']);
  });
});
