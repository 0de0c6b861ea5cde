import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TimeMerger } from '../../../src/node/switch-records';

describe('TimeMerger', () => {
  it('merges rings read at different times into one time order, holding back what may still be overtaken', () => {
    const m = new TimeMerger<{ tNs: number; from: string }>();
    // CPU 0 read first: its records run to t=30. CPU 1 read next holds older records (t=5, 25).
    m.push([
      { tNs: 10, from: 'cpu0' },
      { tNs: 30, from: 'cpu0' },
    ]);
    m.push([
      { tNs: 5, from: 'cpu1' },
      { tNs: 25, from: 'cpu1' },
    ]);
    expect(m.takeBefore(20).map((x) => x.tNs)).toEqual([5, 10]);
    expect(m.size).toBe(2);
    // A later read of CPU 1 brings t=28, still before what was held.
    m.push([{ tNs: 28, from: 'cpu1' }]);
    expect(m.takeAll().map((x) => x.tNs)).toEqual([25, 28, 30]);
    expect(m.takeAll()).toEqual([]);
  });

  it('keeps arrival order for equal times', () => {
    const m = new TimeMerger<{ tNs: number; n: number }>();
    m.push([
      { tNs: 1, n: 1 },
      { tNs: 1, n: 2 },
    ]);
    m.push([{ tNs: 1, n: 3 }]);
    expect(m.takeBefore(2).map((x) => x.n)).toEqual([1, 2, 3]);
  });

  it('releases nothing at or after the bound', () => {
    const m = new TimeMerger<{ tNs: number }>();
    m.push([{ tNs: 10 }]);
    expect(m.takeBefore(10)).toEqual([]);
    expect(m.takeBefore(10.5)).toEqual([{ tNs: 10 }]);
  });

  it('gives what a stable sort of everything pushed would, across any pushes and bounds', () => {
    const run = fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 8 });
    const step = fc.record({ runs: fc.array(run, { maxLength: 3 }), upto: fc.integer({ min: 0, max: 60 }) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 6 }), fc.boolean(), (steps, sortRuns) => {
        const m = new TimeMerger<{ tNs: number; n: number }>();
        let held: { tNs: number; n: number }[] = [];
        let n = 0;
        for (const s of steps) {
          for (const r of s.runs) {
            const items = (sortRuns ? [...r].sort((a, b) => a - b) : r).map((tNs) => ({ tNs, n: n++ }));
            m.push(items);
            held.push(...items);
          }
          held = [...held].sort((a, b) => a.tNs - b.tNs);
          const expected = held.filter((x) => x.tNs < s.upto);
          held = held.filter((x) => x.tNs >= s.upto);
          expect(m.takeBefore(s.upto)).toEqual(expected);
          expect(m.size).toBe(held.length);
        }
        expect(m.takeAll()).toEqual(held);
      }),
    );
  });
});
