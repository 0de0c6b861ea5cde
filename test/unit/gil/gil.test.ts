import { describe, expect, it } from 'vitest';
import {
  GIL_WORD,
  GilThread,
  createGilBuffer,
  gilCounters,
  gilThreadEntryPathFor,
  gilViews,
  newCursor,
  readEvents,
  releaseIfHeldBy,
  writeEvent,
  EVENT_KIND,
} from './imports';

describe('simulated GIL buffer', () => {
  it('refuses a switch interval outside 0.1-100 ms and a bad ring', () => {
    expect(() => createGilBuffer(0.05)).toThrow(/0.1-100 ms/);
    expect(() => createGilBuffer(101)).toThrow(/0.1-100 ms/);
    expect(() => createGilBuffer(5, 3)).toThrow(/ring capacity/);
    expect(() => gilViews(new SharedArrayBuffer(64))).toThrow(/not a simulated-GIL buffer/);
  });

  it('stores the interval in microseconds', () => {
    const sab = createGilBuffer(0.1);
    expect(new GilThread(sab, () => 0).intervalMs).toBeCloseTo(0.1);
  });
});

describe('GilThread, one thread at a time', () => {
  it('takes a free lock, records a hand-over only between different threads', () => {
    const sab = createGilBuffer(5);
    let t = 100;
    const a = new GilThread(sab, () => t);
    const b = new GilThread(sab, () => t);
    expect([a.index, b.index]).toEqual([1, 2]);
    a.acquire();
    expect(gilCounters(sab).holder).toBe(1);
    a.release();
    a.acquire(); // same thread again: no hand-over
    a.release();
    t = 200;
    b.acquire();
    expect(gilCounters(sab)).toMatchObject({ holder: 2, handovers: 1, switches: 3, threads: 2 });
    const events = readEvents(gilViews(sab), newCursor());
    expect(events).toEqual([{ kind: 'handover', from: 1, to: 2, tMs: 200 }]);
  });

  it('honours only a drop request aimed at the current tenure', () => {
    const sab = createGilBuffer(5);
    const a = new GilThread(sab, () => 0);
    a.acquire();
    const { i32 } = gilViews(sab);
    Atomics.store(i32, GIL_WORD.dropRequest, i32[GIL_WORD.switchNumber]!); // stale: earlier tenure
    expect(a.dropRequested()).toBe(false);
    expect(a.yieldIfRequested()).toBe(false);
    Atomics.store(i32, GIL_WORD.dropRequest, i32[GIL_WORD.switchNumber]! + 1);
    expect(a.dropRequested()).toBe(true);
  });

  it('an explicit index raises the thread count and a gone holder can be released', () => {
    const sab = createGilBuffer(5);
    const c = new GilThread(sab, () => 0, {}, 4);
    expect(gilCounters(sab).threads).toBe(4);
    c.acquire();
    expect(releaseIfHeldBy(sab, 3)).toBe(false);
    expect(releaseIfHeldBy(sab, 4)).toBe(true);
    expect(gilCounters(sab).holder).toBe(0);
    expect(() => new GilThread(sab, () => 0, {}, 0)).toThrow(/>= 1/);
  });
});

describe('event ring', () => {
  it('reads each event once and counts those overwritten before being read', () => {
    const sab = createGilBuffer(5, 16);
    const v = gilViews(sab);
    const cursor = newCursor();
    writeEvent(v, EVENT_KIND.wait, 1, 0, 10, 12);
    expect(readEvents(v, cursor)).toEqual([{ kind: 'wait', thread: 1, startMs: 10, endMs: 12 }]);
    expect(readEvents(v, cursor)).toEqual([]);
    for (let n = 0; n < 40; n++) writeEvent(v, EVENT_KIND.handover, 1, 2, n, n);
    const got = readEvents(v, cursor);
    expect(got).toHaveLength(16);
    expect(cursor.lost).toBe(24);
    expect(got[0]).toMatchObject({ tMs: 24 });
  });
});

describe('gil-thread entry path', () => {
  it('sits next to the thread entry', () => {
    expect(gilThreadEntryPathFor('/x/out/cli/workers/thread.js')).toBe('/x/out/cli/workers/gil-thread.js');
    expect(gilThreadEntryPathFor('/x/src/workers/thread-entry.ts')).toBe('/x/src/workers/gil-thread-entry.ts');
  });
});
