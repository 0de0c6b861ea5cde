import { describe, expect, it } from 'vitest';
import { SegmentSchema, type Segment } from '../../../../src/shared';
import type { SwitchSegment } from '../../../../src/node/switch-records';
import { PhaseHistory } from '../../../../src/workers/sampler/exact/phase-history';
import { toSegments as appendSegments } from '../../../../src/workers/sampler/exact/to-segments';

const span = (state: SwitchSegment['state'], startMs: number, endMs: number, cpu: number | null = null): SwitchSegment => ({ pid: 1, tid: 2, startNs: startMs * 1e6, endNs: endMs * 1e6, state, cpu });
const toSegments = (seg: SwitchSegment, taskId: string, phases: PhaseHistory | null, fromMs?: number, toMs?: number): Segment[] => {
  const out: Segment[] = [];
  appendSegments(seg, taskId, phases, out, fromMs, toMs);
  return out;
};

describe('toSegments: switch-record spans as trace segments', () => {
  it('running holds all its time on CPU on its core; runnable all of it waiting', () => {
    const [run] = toSegments(span('running', 1, 3, 1), 'w0', null);
    expect(run).toEqual({ taskId: 'w0', startMs: 1, endMs: 3, state: 'running', core: 1, onCpuNs: 2e6, waitNs: 0 });
    const [wait] = toSegments(span('runnable', 3, 4), 'w0', null);
    expect(wait).toMatchObject({ state: 'runnable', core: null, onCpuNs: 0, waitNs: 1e6 });
    for (const s of [run, wait]) expect(SegmentSchema.safeParse(s).success).toBe(true);
  });

  it('an asleep span takes the kinds the workload reported, cut where they changed', () => {
    const h = new PhaseHistory();
    h.add(0, 'compute');
    h.add(5, 'io');
    h.add(8, 'gil-wait');
    const segs = toSegments(span('asleep', 2, 10), 'w0', h);
    expect(segs.map((s) => [s.startMs, s.endMs, s.state])).toEqual([
      [2, 5, 'sleep'],
      [5, 8, 'io'],
      [8, 10, 'gil-wait'],
    ]);
    expect(segs.every((s) => s.onCpuNs === 0 && s.waitNs === 0)).toBe(true);
  });

  it('clips to the run (no negative times) and to when the task was untracked', () => {
    expect(toSegments(span('running', -1, 1, 0), 'w0', null)[0]).toMatchObject({ startMs: 0, endMs: 1, onCpuNs: 1e6 });
    expect(toSegments(span('running', 5, 9, 0), 'w0', null, 0, 7)[0]).toMatchObject({ startMs: 5, endMs: 7, onCpuNs: 2e6 });
    expect(toSegments(span('running', 8, 9, 0), 'w0', null, 0, 7)).toEqual([]);
  });

  it('lost records stay unknown, never a guess', () => {
    expect(toSegments(span('unknown', 1, 2), 'w0', null)[0]).toMatchObject({ state: 'unknown', core: null, onCpuNs: 0 });
  });
});
