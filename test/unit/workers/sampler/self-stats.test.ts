import { describe, expect, it } from 'vitest';
import { SelfStats } from '../../../../src/workers/sampler/self-stats';

describe('the sampler measuring itself', () => {
  it('counts the time inside pauses over 20 ms as not seen: coverage is the rest of the sampled span', () => {
    const s = new SelfStats(1, 'proc');
    for (let t = 0; t <= 500; t++) s.sampled(t, null);
    // A 100 ms pause (the sampler starved), then 1 ms samples again; a 15 ms pause is a gap but still covered.
    for (let t = 600; t <= 900; t++) s.sampled(t, null);
    for (let t = 915; t <= 1000; t++) s.sampled(t, null);
    const r = s.result();
    expect(r.gaps).toBe(2);
    expect(r.maxGapMs).toBe(100);
    expect(r.coverage).toBeCloseTo(0.9, 10);
  });

  it('a slow interval (50 ms) is not a pause; the exact source has no coverage figure (every switch is recorded)', () => {
    const slow = new SelfStats(50, 'proc');
    for (let t = 0; t <= 1000; t += 50) slow.sampled(t, null);
    expect(slow.result().coverage).toBe(1);
    const exact = new SelfStats(100, 'exact');
    for (let t = 0; t <= 1000; t += 100) exact.sampled(t, null);
    expect(exact.result().coverage).toBeUndefined();
  });

  it('a budgeted interval (1 ms asked, 8 ms chosen) is not a gap; a pause over 3 of the chosen intervals and 20 ms is', () => {
    const s = new SelfStats(1, 'proc');
    s.budgeted(3, 8);
    for (let t = 0; t <= 100; t++) s.sampled(t, null);
    s.interval(8);
    for (let t = 108; t <= 500; t += 8) s.sampled(t, null);
    s.sampled(600, null); // a 100 ms pause
    const r = s.result();
    expect(r).toMatchObject({ gaps: 1, maxGapMs: 100, cpuBudgetPercent: 3, coarsestIntervalMs: 8, intervalMs: 1 });
    expect(r.coverage).toBeCloseTo(1 - 100 / 600, 10);
  });
});
