import type { LaneColumns } from '../../timeline/lane-columns';

/**
 * The segment of a lane under time `t`: the one containing it, else the
 * nearest within `toleranceMs` (a pixel or two, so thin slices can be hovered).
 * Returns the global segment index, or -1.
 */
export function hitTestLane(lane: LaneColumns, t: number, toleranceMs: number): number {
  let best = -1;
  let bestDistance = Infinity;
  for (let i = lane.firstVisible(t - toleranceMs); i < lane.length; i++) {
    const s = lane.start[i] as number;
    if (s > t + toleranceMs) break;
    const e = lane.end[i] as number;
    const distance = t < s ? s - t : t > e ? t - e : 0;
    // Among overlapping hits prefer the later start (the one drawn on top, and the shortest nested).
    if (distance <= toleranceMs && distance <= bestDistance) {
      bestDistance = distance;
      best = lane.segment[i] as number;
    }
  }
  return best;
}
