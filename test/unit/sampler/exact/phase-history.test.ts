import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WORKER_PHASES } from '../../../../src/shared';
import { PhaseHistory } from '../../../../src/workers/sampler/exact/phase-history';

describe('PhaseHistory: the phase a workload reported at each moment', () => {
  it('answers the phase in force at a time, null before the first report', () => {
    const h = new PhaseHistory();
    h.add(10, 'compute');
    h.add(20, 'io');
    expect(h.at(5)).toBeNull();
    expect(h.at(10)).toBe('compute');
    expect(h.at(19.9)).toBe('compute');
    expect(h.at(25)).toBe('io');
  });

  it('splits a span where the phase changed, and keeps reports that came out of order in time order', () => {
    const h = new PhaseHistory();
    h.add(10, 'compute');
    h.add(30, 'waiting');
    h.add(20, 'io');
    expect(h.split(15, 40)).toEqual([
      { startMs: 15, endMs: 20, phase: 'compute' },
      { startMs: 20, endMs: 30, phase: 'io' },
      { startMs: 30, endMs: 40, phase: 'waiting' },
    ]);
    expect(h.split(0, 5)).toEqual([{ startMs: 0, endMs: 5, phase: null }]);
  });

  it('forgets old changes but keeps the one still in force', () => {
    const h = new PhaseHistory();
    h.add(10, 'compute');
    h.add(20, 'io');
    h.add(30, 'compute');
    h.forgetBefore(25);
    expect(h.size).toBe(2);
    expect(h.at(26)).toBe('io');
  });

  it('ignores a repeat of the same phase', () => {
    const h = new PhaseHistory();
    h.add(10, 'io');
    h.add(12, 'io');
    expect(h.size).toBe(1);
  });

  it('says a span holds a change exactly when split() gives more than one piece', () => {
    const change = fc.record({ tMs: fc.integer({ min: 0, max: 100 }), phase: fc.constantFrom(...WORKER_PHASES) });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 12 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 50 }), (changes, start, len) => {
        const h = new PhaseHistory();
        for (const c of changes) h.add(c.tMs, c.phase);
        expect(h.changesWithin(start, start + len)).toBe(h.split(start, start + len).length > 1);
      }),
    );
  });
});
