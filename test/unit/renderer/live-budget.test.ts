import { describe, expect, it } from 'vitest';
import { FrameCost, LIVE_MAX_GAP_MS, LIVE_MIN_GAP_MS, liveGapMs } from '../../../src/renderer/timeline/live-budget';

describe('live budget: how often a live view redraws', () => {
  it('redraws at the fastest rate until a frame is measured, then as often as keeps the main thread within its share', () => {
    expect(liveGapMs(null)).toBe(LIVE_MIN_GAP_MS);
    expect(liveGapMs(0.5)).toBe(LIVE_MIN_GAP_MS); // cheap frames (a GPU desktop): 10 fps
    expect(liveGapMs(6)).toBeCloseTo(400); // 6 ms a frame: 2.5 fps keeps 1.5% of a core
    expect(liveGapMs(50)).toBe(LIVE_MAX_GAP_MS); // never slower than once a second
    expect(liveGapMs(Number.NaN)).toBe(LIVE_MIN_GAP_MS);
  });

  it('smooths the measured cost, and a frame the page spent in the background does not count as its cost', () => {
    const cost = new FrameCost();
    expect(cost.value).toBeNull();
    cost.add(10);
    expect(cost.value).toBe(10);
    cost.add(20);
    expect(cost.value).toBeCloseTo(12);
    cost.add(60_000);
    expect(cost.value).toBeLessThan(210);
    cost.add(-1);
    cost.add(Number.POSITIVE_INFINITY);
    expect(cost.value).toBeLessThan(210);
  });
});
