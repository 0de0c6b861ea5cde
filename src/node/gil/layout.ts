/**
 * Memory layout of the simulated GIL: one SharedArrayBuffer per process,
 * shared by every gil-thread of that process and read by the main side.
 *
 * Int32 header words, then a ring of events (hand-overs and waits) that only
 * the thread acquiring the lock writes, so the ring is serialised by the GIL
 * itself; a sequence word per entry lets a reader skip a half-written one.
 */
export const GIL_WORD = {
  /** Thread index (1..) that holds the lock; 0 = free. */
  holder: 0,
  /** Switch number + 1 of the tenure a waiter wants ended (CPython's gil_drop_request). */
  dropRequest: 1,
  /** Thread index that asked first and gets the lock next (CPython's FORCE_SWITCHING). */
  requester: 2,
  /** Incremented at every change of holder (CPython's switch_number). */
  switchNumber: 3,
  /** Switch interval in microseconds. */
  intervalUs: 4,
  /** Events written so far (ring write cursor, never wraps in practice). */
  ringWritten: 5,
  ringCapacity: 6,
  /** Thread index of the last holder, so the next one can record "from". */
  lastHolder: 7,
  /** Hand-overs so far (holder changed between two different threads). */
  handovers: 8,
  /** Highest thread index registered. */
  threads: 9,
} as const;

export const HEADER_WORDS = 16;
/** Per event: Int32 [seq, kind, a, b] then Float64 [t0, t1]. */
export const EVENT_BYTES = 32;
export const EVENT_KIND = { handover: 1, wait: 2 } as const;

export const MIN_INTERVAL_MS = 0.1;
export const MAX_INTERVAL_MS = 100;
export const DEFAULT_INTERVAL_MS = 5;
export const DEFAULT_RING_CAPACITY = 8192;

export interface GilViews {
  i32: Int32Array;
  f64: Float64Array;
  capacity: number;
}

/** Creates the buffer of one process's GIL. */
export function createGilBuffer(
  intervalMs: number = DEFAULT_INTERVAL_MS,
  ringCapacity: number = DEFAULT_RING_CAPACITY,
): SharedArrayBuffer {
  if (!(intervalMs >= MIN_INTERVAL_MS && intervalMs <= MAX_INTERVAL_MS)) {
    throw new RangeError(`switch interval must be ${MIN_INTERVAL_MS}-${MAX_INTERVAL_MS} ms, got ${intervalMs}`);
  }
  if (!Number.isInteger(ringCapacity) || ringCapacity < 16 || ringCapacity > 1 << 20) {
    throw new RangeError(`ring capacity must be an integer 16..${1 << 20}, got ${ringCapacity}`);
  }
  const sab = new SharedArrayBuffer(HEADER_WORDS * 4 + ringCapacity * EVENT_BYTES);
  const i32 = new Int32Array(sab);
  i32[GIL_WORD.intervalUs] = Math.round(intervalMs * 1000);
  i32[GIL_WORD.ringCapacity] = ringCapacity;
  return sab;
}

export function gilViews(sab: SharedArrayBuffer): GilViews {
  const i32 = new Int32Array(sab);
  const capacity = i32[GIL_WORD.ringCapacity] ?? 0;
  if (capacity <= 0 || sab.byteLength !== HEADER_WORDS * 4 + capacity * EVENT_BYTES) {
    throw new Error('not a simulated-GIL buffer');
  }
  return { i32, f64: new Float64Array(sab), capacity };
}

/** Int32 index of an event's first word, and Float64 index of its t0. */
export function eventIndex(slot: number): { i: number; f: number } {
  const byte = HEADER_WORDS * 4 + slot * EVENT_BYTES;
  return { i: byte / 4, f: byte / 8 + 2 };
}
