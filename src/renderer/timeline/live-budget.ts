/**
 * How often a live view may redraw (issue 14: the page following a run must
 * cost that run as little as possible). A frame's cost is measured, not
 * assumed: on a GPU desktop a live frame takes a few ms of the page's main
 * thread, with software compositing (a VM, headless Chromium) 5-10 ms, and the
 * compositor and raster threads about as much again. So the gap between live
 * frames follows the measured cost, keeping the main thread near
 * LIVE_MAIN_SHARE of a core: ~10 fps where frames are cheap, ~1-2 fps where
 * they are not. Zoom, pan and keys still get the next frame. Pure.
 */
export const LIVE_MAIN_SHARE = 0.015;
export const LIVE_MIN_GAP_MS = 100;
export const LIVE_MAX_GAP_MS = 1000;

/** The gap between live frames for a measured main-thread cost per frame (null: not measured yet). */
export function liveGapMs(frameCostMs: number | null): number {
  if (frameCostMs === null || !Number.isFinite(frameCostMs)) return LIVE_MIN_GAP_MS;
  return Math.min(LIVE_MAX_GAP_MS, Math.max(LIVE_MIN_GAP_MS, frameCostMs / LIVE_MAIN_SHARE));
}

/** A frame's main-thread cost, smoothed: one slow frame (a GC, a new lane) moves the rate only a little. */
export class FrameCost {
  private ms: number | null = null;

  add(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) return;
    // A frame longer than a second is an outlier (the page was in the background), not a cost to plan by.
    const clipped = Math.min(ms, 1000);
    this.ms = this.ms === null ? clipped : this.ms * 0.8 + clipped * 0.2;
  }

  get value(): number | null {
    return this.ms;
  }
}
