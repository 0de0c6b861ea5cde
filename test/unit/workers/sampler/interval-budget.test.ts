import { describe, expect, it } from 'vitest';
import { IntervalBudget } from '../../../../src/workers/sampler/interval-budget';

/**
 * A sampler in simulated time: each sample costs costMs(t) of its own CPU (a
 * wake-up plus reads, with noise), a batch every 25 ms feeds the budget, as
 * SamplerLoop does. Returns the share of a core it used per second and the
 * intervals it chose.
 */
function simulate(budget: IntervalBudget, costMs: (tMs: number, i: number, intervalMs: number) => number, seconds: number) {
  let t = 0;
  let cpuNs = 0;
  let samples = 0;
  let nextBatch = 25;
  const perSecond: number[] = [];
  const intervals: number[] = [];
  /** The interval in use at the end of each 5 s. */
  const byFiveSeconds: number[] = [];
  let secondStartNs = 0;
  let nextSecond = 1000;
  while (t < seconds * 1000) {
    cpuNs += costMs(t, samples, budget.intervalMs) * 1e6;
    samples++;
    if (t >= nextBatch) {
      const next = budget.observe(t, cpuNs, samples);
      if (intervals.at(-1) !== next) intervals.push(next);
      nextBatch = t + 25;
    }
    if (t >= nextSecond) {
      perSecond.push(((cpuNs - secondStartNs) / 1e6 / 1000) * 100);
      secondStartNs = cpuNs;
      nextSecond += 1000;
    }
    byFiveSeconds[Math.floor(t / 5000)] = budget.intervalMs;
    t += budget.intervalMs;
  }
  return { perSecond, intervals, byFiveSeconds, wholePercent: (cpuNs / 1e6 / t) * 100 };
}

/** Deterministic noise in [-amp, +amp] (a fixed sequence, so the test is the same every run). */
const noise = (i: number, amp: number) => amp * Math.sin(i * 12.9898) * Math.cos(i * 78.233);

describe('the /proc sampler keeps a CPU budget by choosing its interval', () => {
  it('settles where its cost per sample fits the budget and stays there under noisy costs', () => {
    const b = new IntervalBudget({ finestMs: 1, budgetPercent: 3 });
    // 150 us a sample (this VM's wake-up cost), +-30%: 1 kHz would cost 15% of a core.
    const { perSecond, intervals } = simulate(b, (_t, i) => 0.15 * (1 + noise(i, 0.3)), 20);
    const settled = perSecond.slice(2);
    expect(Math.max(...settled)).toBeLessThanOrEqual(3);
    expect(Math.min(...settled)).toBeGreaterThan(3 * 0.6);
    expect(b.intervalMs).toBeGreaterThan(1);
    expect(b.intervalMs).toBeLessThan(8);
    // Hysteresis: a few moves while it learns the cost, then none for the remaining seconds.
    expect(intervals.length).toBeLessThanOrEqual(4);
  });

  it('keeps the whole run within budget when a sample costs more at coarser intervals (colder caches), start-up included', () => {
    const b = new IntervalBudget({ finestMs: 1, budgetPercent: 3 });
    // 80 us at 1 ms, 140 us at 4 ms (measured here: 16 light tasks).
    const { perSecond, wholePercent, intervals } = simulate(b, (_t, i, interval) => (0.06 + 0.02 * interval) * (1 + noise(i, 0.2)), 3);
    expect(wholePercent).toBeLessThanOrEqual(3);
    expect(Math.max(...perSecond.slice(1))).toBeLessThanOrEqual(3);
    expect(Math.min(...perSecond.slice(1))).toBeGreaterThan(3 * 0.6);
    expect(intervals.length).toBeLessThanOrEqual(5);
  });

  it('keeps the requested interval when sampling is cheap enough', () => {
    const b = new IntervalBudget({ finestMs: 1, budgetPercent: 3 });
    const { perSecond, intervals } = simulate(b, () => 0.01, 5);
    expect(intervals).toEqual([1]);
    expect(Math.max(...perSecond)).toBeCloseTo(1, 0);
  });

  it('stops at the coarsest interval when even that costs more than the budget: the cost shows as it is', () => {
    const b = new IntervalBudget({ finestMs: 1, budgetPercent: 3 });
    const { perSecond } = simulate(b, () => 0.5, 5);
    expect(b.intervalMs).toBe(8);
    expect(perSecond.at(-1)).toBeCloseTo((0.5 / 8) * 100, 0);
  });

  it('samples finer again when the cost falls (tasks ended), and coarser when it rises', () => {
    const b = new IntervalBudget({ finestMs: 1, budgetPercent: 3 });
    const cost = (t: number) => (t < 5000 ? 0.2 : t < 10_000 ? 0.03 : 0.2);
    const seen = simulate(b, cost, 15).byFiveSeconds;
    expect(seen[0]).toBeGreaterThan(5);
    expect(seen[1]).toBeLessThan(2);
    expect(seen[2]).toBeGreaterThan(5);
  });

  it('never goes finer than asked: a coarse requested interval is used as is', () => {
    const b = new IntervalBudget({ finestMs: 10, budgetPercent: 3 });
    simulate(b, () => 0.01, 3);
    expect(b.intervalMs).toBe(10);
    expect(b.coarsestMs).toBe(10);
    expect(() => new IntervalBudget({ finestMs: 1, budgetPercent: 0 })).toThrow(/budgetPercent/);
  });
});
