import { scaleLinear, type ScaleLinear } from 'd3';
import type { Viewport } from './viewport';

export interface LayoutInput {
  /** CSS pixels. */
  width: number;
  height: number;
  laneCount: number;
  viewport: Viewport;
  /** Room on the left for lane labels. */
  gutter?: number;
  /** Room on top for the time axis. */
  axisHeight?: number;
  maxLaneHeight?: number;
  minLaneHeight?: number;
}

/** Where everything goes, in CSS pixels: time -> x by a d3 linear scale, lane -> y by a fixed step. */
export interface TimelineLayout {
  width: number;
  height: number;
  x: ScaleLinear<number, number>;
  plotLeft: number;
  /** Whole CSS-pixel columns of the plot: the LOD bins at exactly these. */
  plotWidth: number;
  lanesTop: number;
  laneHeight: number;
  laneStep: number;
  laneCount: number;
  /** Height the lanes need (may exceed height when lanes hit their minimum). */
  contentHeight: number;
}

export function computeLayout(input: LayoutInput): TimelineLayout {
  const gutter = input.gutter ?? 132;
  const axisHeight = input.axisHeight ?? 24;
  const maxLane = input.maxLaneHeight ?? 34;
  const minLane = input.minLaneHeight ?? 5;
  const plotLeft = Math.min(gutter, Math.floor(input.width / 3));
  const plotWidth = Math.max(1, Math.floor(input.width - plotLeft - 8));
  const room = Math.max(0, input.height - axisHeight - 4);
  const n = Math.max(1, input.laneCount);
  const step = Math.max(minLane + 1, Math.min(maxLane + 4, Math.floor(room / n)));
  const gap = step >= 12 ? Math.min(4, Math.floor(step / 6)) : 1;
  const x = scaleLinear().domain([input.viewport.t0, input.viewport.t1]).range([plotLeft, plotLeft + plotWidth]);
  return {
    width: input.width,
    height: input.height,
    x,
    plotLeft,
    plotWidth,
    lanesTop: axisHeight,
    laneHeight: step - gap,
    laneStep: step,
    laneCount: input.laneCount,
    contentHeight: axisHeight + step * input.laneCount,
  };
}

/** Lane index under a CSS-pixel y, or -1 (gaps between lanes belong to no lane). */
export function laneAt(layout: TimelineLayout, y: number): number {
  const rel = y - layout.lanesTop;
  if (rel < 0) return -1;
  const i = Math.floor(rel / layout.laneStep);
  if (i >= layout.laneCount) return -1;
  return rel - i * layout.laneStep < layout.laneHeight ? i : -1;
}

export function laneTop(layout: TimelineLayout, lane: number): number {
  return layout.lanesTop + lane * layout.laneStep;
}
