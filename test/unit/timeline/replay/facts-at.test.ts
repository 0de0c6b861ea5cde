import { describe, expect, it } from 'vitest';
import { TimelineModel } from '../../../../src/timeline/model';
import { factsAt } from '../../../../src/timeline/replay/facts-at';
import { binLane } from '../../../../src/timeline/lod';
import { machine, task } from '../../renderer/fixtures';

function model(): TimelineModel {
  const m = new TimelineModel();
  m.reset('r', machine);
  m.upsertTask(task('w0'));
  m.upsertTask(task('w1', { tid: 102 }));
  // w0 runs on core 0 from 0 to 1000; w1 on core 1 from 500 to 700, then waits.
  m.appendSegments([
    { taskId: 'w0', startMs: 0, endMs: 1000, state: 'running', core: 0, onCpuNs: 1e9, waitNs: 0 },
    { taskId: 'w1', startMs: 500, endMs: 700, state: 'running', core: 1, onCpuNs: 2e8, waitNs: 0 },
    { taskId: 'w1', startMs: 700, endMs: 1000, state: 'runnable', core: null, onCpuNs: 0, waitNs: 3e8 },
  ]);
  return m;
}

describe('factsAt', () => {
  it('gives the live panels\' numbers at a time: core busy over the last 500 ms, their sum, CPU so far, who runs', () => {
    const f = factsAt(model(), 600);
    expect(f.coreBusy[0]).toBeCloseTo(1, 9);
    expect(f.coreBusy[1]).toBeCloseTo(0.2, 9); // 500..600 of 100..600
    expect(f.parallelism).toBeCloseTo(1.2, 9);
    expect(f.cpuMs).toBeCloseTo(600 + 100, 9);
    expect(f.running).toEqual([0, 1]);
    expect(f.gilHolder).toBe(-1);
    const end = factsAt(model(), 900);
    expect(end.running).toEqual([0]);
    expect(end.cpuMs).toBeCloseTo(900 + 200, 9);
  });

  it('binLane shows a lane as it was at untilMs: nothing after it, spans cut there', () => {
    const m = model();
    const out = new Float32Array(10 * 6);
    binLane(m.taskLanes[1]!, 0, 100, 10, 6, out, 650);
    const col = (c: number, k: number) => out[c * 6 + k];
    expect(col(5, 0)).toBeCloseTo(1, 6); // 500..600 running
    expect(col(6, 0)).toBeCloseTo(0.5, 6); // 600..650 of 600..700
    expect(col(7, 1)).toBe(0); // waiting at 700.. is in the future
  });
});

describe('factsAt on a long lane', () => {
  it('counts CPU time before t as a plain sum would, after the model grows too', () => {
    const m = new TimelineModel();
    m.reset('r', machine);
    m.upsertTask(task('w0'));
    const plain = (t: number) => {
      let ms = 0;
      for (let i = 0; i < 5000; i++) ms += Math.max(0, Math.min(t, i * 2 + 1.5) - i * 2);
      return ms;
    };
    m.appendSegments(Array.from({ length: 2500 }, (_, i) => ({ taskId: 'w0', startMs: i * 2, endMs: i * 2 + 1.5, state: 'running' as const, core: 0, onCpuNs: 0, waitNs: 0 })));
    for (const t of [0, 0.7, 1.5, 1000.2, 4999]) expect(factsAt(m, t).cpuMs).toBeCloseTo(plain(t), 6);
    m.appendSegments(Array.from({ length: 2500 }, (_, j) => ({ taskId: 'w0', startMs: (j + 2500) * 2, endMs: (j + 2500) * 2 + 1.5, state: 'running' as const, core: 0, onCpuNs: 0, waitNs: 0 })));
    for (const t of [6000.4, 9999]) expect(factsAt(m, t).cpuMs).toBeCloseTo(plain(t), 6);
  });
});
