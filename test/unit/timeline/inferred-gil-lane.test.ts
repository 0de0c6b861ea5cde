import { describe, expect, it } from 'vitest';
import type { TaskState } from '../../../src/shared';
import { inferGilHolds, type ThreadSpan } from '../../../src/shared/trace/gil-holds';

let n = 0;
const spans = (...parts: [number, number, TaskState][]): ThreadSpan[] => parts.map(([start, end, state]) => ({ start, end, state, segment: n++ }));
const holds = (threads: { task: number; spans: ThreadSpan[] }[]) => inferGilHolds(threads).map((h) => [h.start, h.end, h.holder]);

describe('the inferred GIL holder of a real CPython', () => {
  it('two threads taking turns: each running span is a hold, hand-over at each switch', () => {
    const a = { task: 1, spans: spans([0, 5, 'running'], [5, 10, 'gil-wait'], [10, 15, 'running']) };
    const b = { task: 2, spans: spans([0, 5, 'gil-wait'], [5, 10, 'running'], [10, 15, 'gil-wait']) };
    expect(holds([a, b])).toEqual([
      [0, 5, 1],
      [5, 10, 2],
      [10, 15, 1],
    ]);
  });

  it('a preempted holder (runnable) keeps the GIL; a sleeping one lets it go (a gap: nobody)', () => {
    const a = { task: 1, spans: spans([0, 5, 'running'], [5, 8, 'runnable'], [8, 10, 'running'], [10, 20, 'sleep']) };
    const b = { task: 2, spans: spans([0, 10, 'gil-wait'], [10, 12, 'sleep'], [12, 15, 'running']) };
    expect(holds([a, b])).toEqual([
      [0, 10, 1],
      [12, 15, 2],
    ]);
  });

  it('two threads drawn running at once: the holder keeps it (no flicker), the other takes it when it stops', () => {
    const a = { task: 1, spans: spans([0, 10, 'running'], [10, 20, 'gil-wait']) };
    const b = { task: 2, spans: spans([0, 2, 'gil-wait'], [2, 20, 'running']) };
    expect(holds([a, b])).toEqual([
      [0, 10, 1],
      [10, 20, 2],
    ]);
  });

  it('no threads, no holds', () => {
    expect(inferGilHolds([])).toEqual([]);
  });
});

describe('the inferred GIL lane in the Tasks view', () => {
  it('a CPython process whose threads waited for the GIL gets a lane labelled inferred, with hand-overs', async () => {
    const { TimelineModel } = await import('../../../src/timeline/model');
    const { buildTaskLanes } = await import('../../../src/timeline/lane-builder');
    const { machine, task } = await import('../renderer/fixtures');
    const m = new TimelineModel();
    m.reset('r', machine);
    const py = (id: string, tid: number) => task(id, { kind: tid === 7 ? 'python-process' : 'python-thread', label: `python3 ${tid === 7 ? 'pid' : 'tid'} ${tid}`, pid: 7, tid });
    m.upsertTask(py('p7', 7));
    const a = m.upsertTask(py('t8', 8));
    const b = m.upsertTask(py('t9', 9));
    const seg = (taskId: string, startMs: number, endMs: number, state: 'running' | 'gil-wait' | 'sleep') => ({ taskId, startMs, endMs, state, core: state === 'running' ? 0 : null, onCpuNs: 0, waitNs: 0, inferred: state === 'gil-wait' || undefined });
    m.appendSegments([seg('p7', 0, 20, 'sleep'), seg('t8', 0, 5, 'running'), seg('t8', 5, 10, 'gil-wait'), seg('t9', 0, 5, 'gil-wait'), seg('t9', 5, 10, 'running')]);
    m.settleRun();
    const lane = buildTaskLanes(m, 'light', -1)[0]!;
    expect(lane).toMatchObject({ key: 'gil-inferred-7', label: 'GIL, inferred' });
    expect(lane.note).toContain('inferred from its threads\' states');
    expect(m.inferredGilHold(7, 1)).toEqual({ holder: b, startMs: 5, endMs: 10, previous: a });
    // A process of plain threads (no GIL wait anywhere) gets none.
    const plain = new TimelineModel();
    plain.reset('r', machine);
    plain.upsertTask(py('p7', 7));
    plain.upsertTask(py('t8', 8));
    plain.appendSegments([seg('p7', 0, 5, 'running'), seg('t8', 0, 5, 'running')]);
    plain.settleRun();
    expect(plain.inferredGil).toEqual([]);
  });
});
