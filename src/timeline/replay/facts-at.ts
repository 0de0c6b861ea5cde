import type { LaneColumns } from '../lane-columns';
import type { TimelineModel } from '../model';

/** What the live panels showed at a moment of a recorded run, recomputed from the model (a replay's panels). */
export interface FactsAt {
  tMs: number;
  /** Per core: share of [t - windowMs, t] it ran this run's tasks (the live core bars' window). */
  coreBusy: number[];
  /** Sum of coreBusy: how many cores the run kept busy over that window (the live parallelism gauge). */
  parallelism: number;
  /** On-CPU ms of running segments up to t, on any core or none. */
  cpuMs: number;
  /** Tasks running at t (index into model.tasks). */
  running: number[];
  /** Who held the GIL at t (index into model.tasks), or -1 (no GIL lane, or nobody yet). */
  gilHolder: number;
}

export const LIVE_WINDOW_MS = 500;

interface Prefix {
  version: number;
  /** cum[i]: total length of the lane's segments 0..i-1. */
  cum: Float64Array;
}
const prefixes = new WeakMap<LaneColumns, Prefix>();

/** Cumulative segment lengths of a lane, rebuilt only when the model changed (scrubbing asks every frame). */
function prefixOf(lane: LaneColumns, version: number): Float64Array {
  const known = prefixes.get(lane);
  if (known && known.version === version && known.cum.length === lane.length + 1) return known.cum;
  const cum = new Float64Array(lane.length + 1);
  for (let i = 0; i < lane.length; i++) cum[i + 1] = (cum[i] as number) + ((lane.end[i] as number) - (lane.start[i] as number));
  prefixes.set(lane, { version, cum });
  return cum;
}

/** Running time of a lane's segments before t (clipped at t): a prefix sum, less what the spans still open at t run past it. */
function runningBefore(lane: LaneColumns, t: number, version: number): number {
  let lo = 0;
  let hi = lane.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((lane.start[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  let ms = prefixOf(lane, version)[lo] as number;
  for (let i = lane.firstVisible(t); i < lo; i++) {
    const end = lane.end[i] as number;
    if (end > t) ms -= end - t;
  }
  return ms;
}

/**
 * The run as it was at `tMs`, from the whole recording: the same numbers the
 * live page computed then from what it had received (per-core busy share over
 * the last 500 ms, their sum), plus CPU time so far, who ran and the GIL holder.
 */
export function factsAt(model: TimelineModel, tMs: number, windowMs = LIVE_WINDOW_MS): FactsAt {
  const t = Math.max(0, tMs);
  const from = Math.max(0, t - windowMs);
  const coreBusy: number[] = [];
  for (let c = 0; c < model.coreCount(); c++) coreBusy.push(t > from ? model.coreBusyShare(c, from, t) : 0);
  let cpuMs = runningBefore(model.unknownCoreLane, t, model.version);
  const running: number[] = [];
  for (const lane of model.coreLanes) {
    cpuMs += runningBefore(lane, t, model.version);
    for (let i = lane.firstVisible(t); i < lane.length && (lane.start[i] as number) <= t; i++) {
      if ((lane.end[i] as number) > t) running.push(lane.category[i] as number);
    }
  }
  let gilHolder = -1;
  const gil = model.gilLane;
  for (let i = gil.firstVisible(t); i < gil.length && (gil.start[i] as number) <= t; i++) {
    if ((gil.end[i] as number) > t) gilHolder = gil.category[i] as number;
  }
  return { tMs: t, coreBusy, parallelism: coreBusy.reduce((a, b) => a + b, 0), cpuMs, running: [...new Set(running)].sort((a, b) => a - b), gilHolder };
}
