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

/** Running time of a lane's segments before t (clipped at t). */
function runningBefore(lane: { length: number; start: Float64Array; end: Float64Array }, t: number): number {
  let ms = 0;
  for (let i = 0; i < lane.length; i++) {
    const s = lane.start[i] as number;
    if (s >= t) break;
    ms += Math.min(t, lane.end[i] as number) - s;
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
  let cpuMs = runningBefore(model.unknownCoreLane, t);
  const running: number[] = [];
  for (const lane of model.coreLanes) {
    cpuMs += runningBefore(lane, t);
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
