import { describe, expect, it } from 'vitest';
import { computeLayout, laneAt, laneTop } from '../../../src/timeline/layout';
import { applyZoomStep, fitAll, follow, pan, zoom } from '../../../src/timeline/viewport';

describe('layout', () => {
  const layout = computeLayout({ width: 1000, height: 300, laneCount: 4, viewport: { t0: 0, t1: 1000 }, gutter: 100, axisHeight: 20 });

  it('maps the viewport onto whole CSS-pixel columns right of the labels', () => {
    expect(layout.x(0)).toBe(100);
    expect(layout.x(1000)).toBe(100 + layout.plotWidth);
    expect(Number.isInteger(layout.plotWidth)).toBe(true);
  });

  it('finds the lane under a y and none in the gaps or beyond the last lane', () => {
    expect(laneAt(layout, laneTop(layout, 2) + 1)).toBe(2);
    expect(laneAt(layout, laneTop(layout, 1) + layout.laneHeight + 0.5)).toBe(-1);
    expect(laneAt(layout, 5)).toBe(-1);
    expect(laneAt(layout, laneTop(layout, 4) + 1)).toBe(-1);
  });

  it('shrinks lanes to fit many, down to a minimum', () => {
    const many = computeLayout({ width: 800, height: 600, laneCount: 64, viewport: { t0: 0, t1: 1 } });
    expect(many.contentHeight).toBeLessThanOrEqual(600);
    const tooMany = computeLayout({ width: 800, height: 100, laneCount: 500, viewport: { t0: 0, t1: 1 } });
    expect(tooMany.laneHeight).toBeGreaterThanOrEqual(5);
  });
});

describe('viewport', () => {
  it('zooms about an anchor, keeping the time under it', () => {
    const v = zoom({ t0: 0, t1: 100 }, 2, 0.25);
    expect(v.t1 - v.t0).toBeCloseTo(50);
    expect(v.t0 + 0.25 * (v.t1 - v.t0)).toBeCloseTo(25);
  });

  it('pans by a fraction of the span and fits everything', () => {
    expect(pan({ t0: 10, t1: 20 }, 0.5)).toEqual({ t0: 15, t1: 25 });
    const f = fitAll(5000);
    expect(f.t0).toBe(0);
    expect(f.t1).toBeGreaterThanOrEqual(5000);
  });

  it('follows live data at the right edge, keeping the span', () => {
    expect(follow({ t0: 0, t1: 1000 }, 5000)).toEqual({ t0: 4000, t1: 5000 });
    expect(follow({ t0: 300, t1: 1300 }, 500)).toEqual({ t0: 0, t1: 1000 });
  });

  it('turns a d3-zoom step into the same zoom on the viewport', () => {
    // Zoom in 2x about screen x=250 of a 1000 px view.
    const v = applyZoomStep({ t0: 0, t1: 1000 }, 1000, { k: 1, x: 0 }, { k: 2, x: -250 });
    expect(v.t0).toBeCloseTo(125);
    expect(v.t1).toBeCloseTo(625);
    // A drag of 100 px to the right shows earlier time.
    const d = applyZoomStep({ t0: 0, t1: 1000 }, 1000, { k: 1, x: 0 }, { k: 1, x: 100 });
    expect(d.t0).toBeCloseTo(-100);
  });
});

describe('applyZoomStep with a label gutter', () => {
  it('anchors on element coordinates offset by the plot origin', () => {
    // Plot starts at x=100, 1000 px wide; zoom 2x about element x=100 keeps t0.
    const v = applyZoomStep({ t0: 0, t1: 1000 }, 1000, { k: 1, x: 0 }, { k: 2, x: -100 }, 100);
    expect(v.t0).toBeCloseTo(0);
    expect(v.t1).toBeCloseTo(500);
  });
});

describe('follow with a column snap', () => {
  it('moves the right edge in whole columns so pixels can be shifted', () => {
    const v = follow({ t0: 0, t1: 1000 }, 5003, 10);
    expect(v).toEqual({ t0: 4010, t1: 5010 });
    const w = follow(v, 5021, 10);
    expect((w.t0 - v.t0) / 10).toBe(2);
  });
});
