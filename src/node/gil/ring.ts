import { EVENT_KIND, GIL_WORD, eventIndex, type GilViews } from './layout';

/** One recorded GIL event, times in CLOCK_MONOTONIC ms. */
export type GilEvent =
  | { kind: 'handover'; from: number; to: number; tMs: number }
  | { kind: 'wait'; thread: number; startMs: number; endMs: number };

/**
 * Appends an event. Only the thread that just took the GIL writes, so writers
 * never race; the per-entry sequence word (event number + 1, stored last) lets
 * a reader on another thread skip an entry that is being overwritten.
 */
export function writeEvent(v: GilViews, kind: number, a: number, b: number, t0: number, t1: number): void {
  const n = v.i32[GIL_WORD.ringWritten]!;
  const { i, f } = eventIndex(n % v.capacity);
  Atomics.store(v.i32, i, 0);
  v.i32[i + 1] = kind;
  v.i32[i + 2] = a;
  v.i32[i + 3] = b;
  v.f64[f] = t0;
  v.f64[f + 1] = t1;
  Atomics.store(v.i32, i, n + 1);
  Atomics.store(v.i32, GIL_WORD.ringWritten, n + 1);
}

export interface RingCursor {
  next: number;
  /** Events overwritten before they were read (reader too slow). */
  lost: number;
}

export function newCursor(): RingCursor {
  return { next: 0, lost: 0 };
}

/** Reads every event written since the cursor, advancing it. */
export function readEvents(v: GilViews, cursor: RingCursor): GilEvent[] {
  const written = Atomics.load(v.i32, GIL_WORD.ringWritten);
  const out: GilEvent[] = [];
  if (written - cursor.next > v.capacity) {
    cursor.lost += written - v.capacity - cursor.next;
    cursor.next = written - v.capacity;
  }
  for (let n = cursor.next; n < written; n++) {
    const { i, f } = eventIndex(n % v.capacity);
    const kind = v.i32[i + 1]!;
    const a = v.i32[i + 2]!;
    const b = v.i32[i + 3]!;
    const t0 = v.f64[f]!;
    const t1 = v.f64[f + 1]!;
    // Read the fields first, then check the entry was still event n.
    if (Atomics.load(v.i32, i) !== n + 1) {
      cursor.lost++;
      continue;
    }
    if (kind === EVENT_KIND.handover) out.push({ kind: 'handover', from: a, to: b, tMs: t0 });
    else if (kind === EVENT_KIND.wait) out.push({ kind: 'wait', thread: a, startMs: t0, endMs: t1 });
  }
  cursor.next = written;
  return out;
}
