import type { TaskState } from './states';

/**
 * Who holds a real CPython's GIL over time, inferred from its threads' states
 * (nothing in the OS says who holds it): a thread running holds it (a thread
 * runs Python only while holding it); a holder the OS preempted (runnable)
 * keeps it, as CPython does; when no thread runs and the last holder blocked
 * or slept, nobody holds it. Where two threads ran at once (C code that
 * released the GIL, or a sampled edge), the holder keeps it. Pure.
 */

export interface ThreadSpan {
  start: number;
  end: number;
  state: TaskState;
  /** The segment's index in the model (kept on the hold, for tooltips). */
  segment: number;
}

export interface ThreadStates {
  /** The thread's task index. */
  task: number;
  /** Its segments, sorted by start, not overlapping. */
  spans: readonly ThreadSpan[];
}

export interface GilHold {
  start: number;
  end: number;
  holder: number;
  /** The holder's segment where the hold began. */
  segment: number;
}

/** The holds of one interpreter's GIL, in time order, merged; gaps = nobody held it. */
export function inferGilHolds(threads: readonly ThreadStates[]): GilHold[] {
  const times = new Set<number>();
  for (const t of threads) for (const s of t.spans) times.add(s.start).add(s.end);
  const edges = [...times].sort((a, b) => a - b);
  const cursor = threads.map(() => 0);
  /** The span of thread i covering [a, b), or null; cursors only move forward. */
  const at = (i: number, a: number): ThreadSpan | null => {
    const spans = threads[i]!.spans;
    let c = cursor[i]!;
    while (c < spans.length && spans[c]!.end <= a) c++;
    cursor[i] = c;
    const s = spans[c];
    return s && s.start <= a ? s : null;
  };
  const holds: GilHold[] = [];
  let holder = -1;
  for (let e = 0; e + 1 < edges.length; e++) {
    const a = edges[e]!;
    const b = edges[e + 1]!;
    const states = threads.map((_, i) => at(i, a));
    const running = states.map((s, i) => (s?.state === 'running' ? i : -1)).filter((i) => i >= 0);
    const heldOn = holder >= 0 && (states[holder]?.state === 'running' || (running.length === 0 && states[holder]?.state === 'runnable'));
    if (!heldOn) holder = running.length ? running[0]! : -1;
    if (holder < 0) continue;
    const task = threads[holder]!.task;
    const last = holds.at(-1);
    if (last && last.holder === task && last.end === a) last.end = b;
    else holds.push({ start: a, end: b, holder: task, segment: states[holder]!.segment });
  }
  return holds;
}
