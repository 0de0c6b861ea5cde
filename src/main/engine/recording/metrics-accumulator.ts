import type { Segment } from '../../../shared';

/** What the metrics need of one task's segments, kept as running sums so the segments themselves can leave memory. */
export interface TaskTotals {
  onCpuNs: number;
  waitNs: number;
  coreNs: Map<number, number>;
  /** Core changes between consecutive running segments with a known core, in time order. */
  migrations: number;
  lastCore: number | null;
  /** Running segments that may lie before the task's first instruction (its start-up CPU). */
  running: { startMs: number; endMs: number; onCpuNs: number }[];
}

/**
 * Past this many running segments before its first instruction a task's
 * start-up list stops growing: a traced task never gets a first instruction,
 * and a worker's start-up (tens of ms) is a handful of segments.
 */
const MAX_STARTUP_SPANS = 2_000;

/**
 * The run's per-task and per-core sums, fed one segment at a time in each
 * task's time order, so live metrics cost O(tasks) however long the run is
 * and a recorder can spill old segments to disk and still know the totals.
 */
export class MetricsAccumulator {
  readonly totals = new Map<string, TaskTotals>();
  readonly coreBusyNs = new Map<number, number>();

  /** `startedMs`: the task's first instruction when known; later running spans cannot count as start-up. */
  add(s: Segment, startedMs: number | null = null): void {
    let t = this.totals.get(s.taskId);
    if (!t) this.totals.set(s.taskId, (t = { onCpuNs: 0, waitNs: 0, coreNs: new Map(), migrations: 0, lastCore: null, running: [] }));
    addTo(t, this.coreBusyNs, s, startedMs);
  }

  /**
   * The sums with `extra` segments (still open, not yet added) counted too;
   * this accumulator is left as it was. `startedMsOf`: each task's first
   * instruction now (a span after it, or of a task without one, cannot count
   * as start-up, so its list is not copied).
   */
  with(extra: readonly Segment[], startedMsOf: (taskId: string) => number | null): { totals: Map<string, TaskTotals>; coreBusyNs: Map<number, number> } {
    if (extra.length === 0) return this;
    const totals = new Map(this.totals);
    const coreBusyNs = new Map(this.coreBusyNs);
    for (const s of extra) {
      const t = totals.get(s.taskId);
      const startedMs = startedMsOf(s.taskId);
      const startup = startedMs !== null && s.startMs < startedMs && s.onCpuNs > 0;
      const copy: TaskTotals = t ? { ...t, coreNs: new Map(t.coreNs), running: startup ? [...t.running] : t.running } : { onCpuNs: 0, waitNs: 0, coreNs: new Map(), migrations: 0, lastCore: null, running: [] };
      totals.set(s.taskId, copy);
      addTo(copy, coreBusyNs, s, startup ? startedMs : -Infinity); // -Infinity: no span counts, the shared list stays as it is
    }
    return { totals, coreBusyNs };
  }
}

function addTo(t: TaskTotals, coreBusyNs: Map<number, number>, s: Segment, startedMs: number | null): void {
  t.onCpuNs += s.onCpuNs;
  t.waitNs += s.waitNs;
  if (s.onCpuNs > 0 && (startedMs === null || s.startMs < startedMs) && t.running.length < MAX_STARTUP_SPANS) t.running.push({ startMs: s.startMs, endMs: s.endMs, onCpuNs: s.onCpuNs });
  if (s.state === 'running' && s.core !== null) {
    t.coreNs.set(s.core, (t.coreNs.get(s.core) ?? 0) + s.onCpuNs);
    coreBusyNs.set(s.core, (coreBusyNs.get(s.core) ?? 0) + s.onCpuNs);
    if (t.lastCore !== null && t.lastCore !== s.core) t.migrations++;
    t.lastCore = s.core;
  }
}

/** Segments in each task's time order (stable: equal starts keep their order), as the accumulator needs them. */
export function inTaskTimeOrder(segments: readonly Segment[]): readonly Segment[] {
  const last = new Map<string, number>();
  for (const s of segments) {
    if (s.startMs < (last.get(s.taskId) ?? -Infinity)) return [...segments].sort((a, b) => a.startMs - b.startMs);
    last.set(s.taskId, s.startMs);
  }
  return segments;
}
