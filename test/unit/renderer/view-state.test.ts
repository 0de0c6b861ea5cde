import { describe, expect, it } from 'vitest';
import { TimelineViewState } from '../../../src/renderer/timeline/view-state';

describe('TimelineViewState', () => {
  it('follows live data until the user zooms, and resumes on F', () => {
    const v = new TimelineViewState();
    v.startRun(1000);
    v.dataChanged(5000);
    expect(v.viewport.t1).toBe(5000);
    expect(v.key('w', 5000)).toBe(true);
    expect(v.following).toBe(false);
    const frozen = { ...v.viewport };
    v.dataChanged(9000);
    expect(v.viewport).toEqual(frozen);
    v.key('F', 9000);
    expect(v.following).toBe(true);
    expect(v.viewport.t1).toBe(9000);
  });

  it('zooms with W/S, pans with A/D, fits with 0, and ignores other keys', () => {
    const v = new TimelineViewState();
    v.setViewport({ t0: 0, t1: 1000 }, true);
    v.key('w', 0);
    expect(v.viewport.t1 - v.viewport.t0).toBeCloseTo(800);
    v.key('s', 0);
    expect(v.viewport.t1 - v.viewport.t0).toBeCloseTo(1000);
    const before = v.viewport.t0;
    v.key('d', 0);
    expect(v.viewport.t0).toBeGreaterThan(before);
    v.key('a', 0);
    expect(v.viewport.t0).toBeCloseTo(before);
    v.key('0', 4000);
    expect(v.viewport.t0).toBe(0);
    expect(v.viewport.t1).toBeGreaterThanOrEqual(4000);
    expect(v.key('x', 0)).toBe(false);
  });
});

describe('zooming while following', () => {
  it('keeps the newest data in place instead of zooming into the empty future', () => {
    const v = new TimelineViewState();
    v.startRun(10_000); // window 0..10.2 s
    v.dataChanged(4000);
    v.key('w', 4000);
    const { t0, t1 } = v.viewport;
    expect(t0).toBeLessThan(4000);
    expect(t1).toBeGreaterThan(4000);
    expect((4000 - t0) / (t1 - t0)).toBeCloseTo(4000 / 10_200, 5);
  });

  it('C switches the Cores view between a colour per task and by process, and tells the views', () => {
    const v = new TimelineViewState();
    expect(v.colorMode).toBe('task');
    const before = v.version;
    expect(v.key('c', 0)).toBe(true);
    expect(v.colorMode).toBe('process');
    expect(v.version).toBeGreaterThan(before);
    v.key('C', 0);
    expect(v.colorMode).toBe('task');
  });
});
