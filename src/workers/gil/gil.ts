import { EVENT_KIND, GIL_WORD, gilViews, type GilViews } from '../../node/gil/layout';
import { writeEvent } from '../../node/gil/ring';

/** Hooks so a worker can publish its phase while it waits (the sampler reads it). */
export interface GilHooks {
  onWaitStart?: () => void;
  onWaitEnd?: () => void;
  /** Called at least once per switch interval while waiting, e.g. to send a heartbeat. */
  onStillWaiting?: () => void;
}

/**
 * One thread's handle on its process's simulated GIL: CPython's
 * take_gil/drop_gil (Python/ceval_gil.c) over a SharedArrayBuffer.
 *
 * - A thread must hold the lock to run a slice of CPU work.
 * - A waiter sleeps up to the switch interval; if the same holder still has it
 *   (switch number unchanged), it sets the drop request and becomes the
 *   requester.
 * - The holder checks the drop request at each slice boundary (CPython's eval
 *   breaker), drops the lock, and waits until another thread took it
 *   (FORCE_SWITCHING) so it cannot grab it straight back.
 * - The requester gets it next; others stand aside while a requester is set.
 * - A thread drops the lock around I/O without any request.
 */
export class GilThread {
  readonly index: number;
  private readonly v: GilViews;
  private holding = false;

  constructor(
    sab: SharedArrayBuffer,
    private readonly now: () => number,
    private readonly hooks: GilHooks = {},
    /** Thread index (1..) chosen by whoever maps indices to tasks; default: next free. */
    index?: number,
  ) {
    this.v = gilViews(sab);
    if (index === undefined) {
      this.index = Atomics.add(this.v.i32, GIL_WORD.threads, 1) + 1;
    } else {
      if (!Number.isInteger(index) || index < 1) throw new RangeError(`GIL thread index must be >= 1, got ${index}`);
      this.index = index;
      let seen = Atomics.load(this.v.i32, GIL_WORD.threads);
      while (seen < index) {
        const prev = Atomics.compareExchange(this.v.i32, GIL_WORD.threads, seen, index);
        if (prev === seen) break;
        seen = prev;
      }
    }
  }

  get intervalMs(): number {
    return Atomics.load(this.v.i32, GIL_WORD.intervalUs) / 1000;
  }

  get held(): boolean {
    return this.holding;
  }

  /** Blocks until this thread holds the GIL. */
  acquire(): void {
    if (this.holding) return;
    const i32 = this.v.i32;
    const me = this.index;
    const interval = this.intervalMs;
    let waitStart = -1;
    for (;;) {
      const requester = Atomics.load(i32, GIL_WORD.requester);
      if (requester === 0 || requester === me) {
        if (Atomics.compareExchange(i32, GIL_WORD.holder, 0, me) === 0) break;
      }
      if (waitStart < 0) {
        waitStart = this.now();
        this.hooks.onWaitStart?.();
      }
      const holder = Atomics.load(i32, GIL_WORD.holder);
      const switchNo = Atomics.load(i32, GIL_WORD.switchNumber);
      if (holder === 0) {
        // Free and ours to take (it was released between our try and now): try again.
        if (requester === 0 || requester === me) continue;
        // Free but reserved for another requester: give it one interval, then
        // stop honouring a requester that never came (e.g. it was terminated).
        const r = Atomics.wait(i32, GIL_WORD.switchNumber, switchNo, interval);
        if (r === 'timed-out' && Atomics.load(i32, GIL_WORD.holder) === 0) {
          Atomics.compareExchange(i32, GIL_WORD.requester, requester, 0);
        }
        continue;
      }
      const r = Atomics.wait(i32, GIL_WORD.holder, holder, interval);
      if (r === 'timed-out') this.hooks.onStillWaiting?.();
      if (r === 'timed-out' && Atomics.load(i32, GIL_WORD.switchNumber) === switchNo) {
        // Same tenure for a whole interval: ask it to end (gil_drop_request).
        Atomics.compareExchange(i32, GIL_WORD.requester, 0, me);
        Atomics.store(i32, GIL_WORD.dropRequest, switchNo + 1);
      }
    }
    this.holding = true;
    const t = this.now();
    const last = Atomics.load(i32, GIL_WORD.lastHolder);
    if (last !== 0 && last !== me) {
      Atomics.add(i32, GIL_WORD.handovers, 1);
      writeEvent(this.v, EVENT_KIND.handover, last, me, t, t);
    }
    Atomics.store(i32, GIL_WORD.lastHolder, me);
    Atomics.compareExchange(i32, GIL_WORD.requester, me, 0);
    Atomics.store(i32, GIL_WORD.dropRequest, 0);
    Atomics.add(i32, GIL_WORD.switchNumber, 1);
    Atomics.notify(i32, GIL_WORD.switchNumber);
    if (waitStart >= 0) {
      writeEvent(this.v, EVENT_KIND.wait, me, 0, waitStart, t);
      this.hooks.onWaitEnd?.();
    }
  }

  /** Drops the GIL (e.g. before I/O). */
  release(): void {
    if (!this.holding) return;
    this.holding = false;
    Atomics.store(this.v.i32, GIL_WORD.holder, 0);
    Atomics.notify(this.v.i32, GIL_WORD.holder);
  }

  /** Whether another thread asked this holder to drop the GIL. */
  dropRequested(): boolean {
    // A request names the tenure it wants ended; a late one for an earlier tenure is void.
    const i32 = this.v.i32;
    return Atomics.load(i32, GIL_WORD.dropRequest) === Atomics.load(i32, GIL_WORD.switchNumber) + 1;
  }

  /**
   * Slice boundary: if a drop was requested, hand the GIL over and take it back
   * after the other thread's turn. Returns true when a switch happened.
   */
  yieldIfRequested(): boolean {
    // Kept tiny so the JIT inlines it into the work loop; the switch itself is apart.
    if (!this.holding || !this.dropRequested()) return false;
    this.switchNow();
    return true;
  }

  private switchNow(): void {
    const i32 = this.v.i32;
    const switchNo = Atomics.load(i32, GIL_WORD.switchNumber);
    this.release();
    // FORCE_SWITCHING: wait until another thread took it (bounded, in case the
    // requester is gone), so the requester gets it, not this thread again.
    const deadline = this.now() + Math.max(50, 10 * this.intervalMs);
    while (Atomics.load(i32, GIL_WORD.switchNumber) === switchNo) {
      const left = deadline - this.now();
      if (left <= 0) break;
      Atomics.wait(i32, GIL_WORD.switchNumber, switchNo, left);
    }
    this.acquire();
  }

  /** Runs fn without the GIL (I/O), then takes it back. */
  async withoutGil<T>(fn: () => Promise<T>): Promise<T> {
    this.release();
    try {
      return await fn();
    } finally {
      this.acquire();
    }
  }
}
