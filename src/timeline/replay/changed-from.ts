import type { LaneDescriptor } from '../lanes';

/**
 * The earliest time whose pixels change when a replay moves on from `t`: `t`
 * itself, or the start of a slice that was still going at `t` (its slice grows
 * and its core-number label moves, so it is painted again whole).
 */
export function replayChangedFrom(lanes: readonly LaneDescriptor[], t: number): number {
  let from = t;
  for (const lane of lanes) {
    const c = lane.columns;
    for (let i = c.firstVisible(t); i < c.length && (c.start[i] as number) < t; i++) if ((c.end[i] as number) > t && (c.start[i] as number) < from) from = c.start[i] as number;
  }
  return from;
}
