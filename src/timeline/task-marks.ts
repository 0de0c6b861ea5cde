import { formatMs, isCrashReason, type Task } from '../shared';
import type { LaneDescriptor } from './lanes';
import { laneTop, type TimelineLayout } from './layout';

export type TaskMarkKind = 'spawn' | 'exit' | 'crash';

/** A moment in a task's life drawn on its Tasks lane: its worker came up, it exited, or it crashed. */
export interface TaskMark {
  kind: TaskMarkKind;
  task: number;
  tMs: number;
  /** The tooltip's lines. */
  lines: string[];
}

/**
 * Spawn, exit and crash of each task, from what the trace's tasks already
 * hold: `startedMs` (first instruction; else `bornMs`, the kernel's birth),
 * `exitMs` with `exitReason` (crashed, hung, killed or lost is a crash) and
 * `exitDetail`. Corelanes' own threads, which start before the run and end
 * after it, get none.
 */
export function taskMarks(tasks: readonly Task[]): TaskMark[] {
  const out: TaskMark[] = [];
  tasks.forEach((t, i) => {
    if (t.kind === 'main' || t.kind === 'sampler') return;
    const up = t.startedMs ?? t.bornMs ?? null;
    if (up !== null) {
      const after = up - t.requestedMs;
      out.push({ kind: 'spawn', task: i, tMs: up, lines: [`${t.label}: up`, `at ${formatMs(up)}`, after > 0 ? `${formatMs(after)} after it was requested` : `${t.kind}`] });
    }
    if (t.exitMs !== null) {
      const crash = isCrashReason(t.exitReason);
      out.push({
        kind: crash ? 'crash' : 'exit',
        task: i,
        tMs: t.exitMs,
        lines: [`${t.label}: ${crash ? 'crashed' : 'exited'} (${t.exitReason ?? 'reason unknown'})`, `at ${formatMs(t.exitMs)}`, ...(t.exitDetail ? [t.exitDetail.slice(0, 160)] : [])],
      });
    }
  });
  return out;
}

/** Where a mark is drawn: its centre on its task's lane, and its size (CSS pixels). */
export interface MarkPlace {
  mark: TaskMark;
  x: number;
  y: number;
  size: number;
}

/** Marks inside the window (and before a replay's time) on the lanes shown; a mark on a lane not shown is left out. */
export function placeMarks(marks: readonly TaskMark[], lanes: readonly LaneDescriptor[], layout: TimelineLayout, untilMs = Infinity): MarkPlace[] {
  const laneOf = new Map<number, number>();
  lanes.forEach((l, i) => {
    if (l.task !== null) laneOf.set(l.task, i);
  });
  const [t0, t1] = layout.x.domain() as [number, number];
  const size = Math.max(6, Math.min(14, layout.laneHeight * 0.6));
  const out: MarkPlace[] = [];
  for (const mark of marks) {
    const lane = laneOf.get(mark.task);
    if (lane === undefined || mark.tMs < t0 || mark.tMs > t1 || mark.tMs > untilMs) continue;
    out.push({ mark, x: layout.x(mark.tMs), y: laneTop(layout, lane) + layout.laneHeight / 2, size });
  }
  return out;
}

/** The mark under a point (within its size), crashes first; null when none. */
export function markAt(places: readonly MarkPlace[], x: number, y: number): TaskMark | null {
  let best: MarkPlace | null = null;
  for (const p of places) {
    if (Math.abs(p.x - x) > p.size / 2 + 2 || Math.abs(p.y - y) > p.size / 2 + 2) continue;
    if (!best || (p.mark.kind === 'crash' && best.mark.kind !== 'crash')) best = p;
  }
  return best?.mark ?? null;
}

/** The crash colour: a red in no state's palette, strong in both themes. */
export const CRASH_COLOR = '#e03131';
