/** The visible time window, in ms since the run's start. Pure functions; the view owns one. */
export interface Viewport {
  t0: number;
  t1: number;
}

export const MIN_SPAN_MS = 0.05;
export const MAX_SPAN_MS = 24 * 3600 * 1000;

function clampSpan(t0: number, t1: number): Viewport {
  let span = t1 - t0;
  const mid = (t0 + t1) / 2;
  if (!(span >= MIN_SPAN_MS)) span = MIN_SPAN_MS;
  if (span > MAX_SPAN_MS) span = MAX_SPAN_MS;
  if (span === t1 - t0) return { t0, t1 };
  return { t0: mid - span / 2, t1: mid + span / 2 };
}

/** Zoom by `factor` (>1 zooms in) keeping the time under `anchor` (0..1 across the view) fixed. */
export function zoom(v: Viewport, factor: number, anchor = 0.5): Viewport {
  const span = v.t1 - v.t0;
  const at = v.t0 + span * anchor;
  const next = span / factor;
  return clampSpan(at - next * anchor, at - next * anchor + next);
}

/** Pan by a fraction of the visible span (positive = later). */
export function pan(v: Viewport, fraction: number): Viewport {
  const d = (v.t1 - v.t0) * fraction;
  return { t0: v.t0 + d, t1: v.t1 + d };
}

/** Everything recorded so far, with a small margin. */
export function fitAll(endMs: number): Viewport {
  return clampSpan(0, Math.max(endMs, 100) * 1.02);
}

/**
 * Follow-live: keep the span, put `endMs` at the right edge (the start of the
 * run stays visible while it fits). With `snapMs` (one pixel column), the
 * right edge moves in whole columns, so a scrolling view can shift the pixels
 * it has and paint only the new strip.
 */
export function follow(v: Viewport, endMs: number, snapMs = 0): Viewport {
  const span = v.t1 - v.t0;
  if (endMs <= span) return { t0: 0, t1: span };
  const t1 = snapMs > 0 ? Math.ceil(endMs / snapMs) * snapMs : endMs;
  return { t0: t1 - span, t1 };
}

/** Maps a d3-zoom step (old transform -> new transform) onto the viewport, whatever base scale d3 holds. */
export function applyZoomStep(
  v: Viewport,
  width: number,
  before: { k: number; x: number },
  after: { k: number; x: number },
  /** Element x where the plot (time v.t0) starts; d3-zoom works in element coordinates. */
  origin = 0,
): Viewport {
  const timeAt = (s: number) => v.t0 + ((v.t1 - v.t0) * (s - origin)) / width;
  const oldScreen = (s: number) => before.x + ((s - after.x) * before.k) / after.k;
  return clampSpan(timeAt(oldScreen(origin)), timeAt(oldScreen(origin + width)));
}
