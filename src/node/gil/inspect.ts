import { GIL_WORD, gilViews } from './layout';

/* What the side that created a GIL buffer (the engine's gil-thread driver, tests, benches) reads and repairs from outside its threads. */

/** The lock's counters and current holder. */
export function gilCounters(sab: SharedArrayBuffer): { handovers: number; switches: number; threads: number; holder: number } {
  const { i32 } = gilViews(sab);
  return {
    handovers: Atomics.load(i32, GIL_WORD.handovers),
    switches: Atomics.load(i32, GIL_WORD.switchNumber),
    threads: Atomics.load(i32, GIL_WORD.threads),
    holder: Atomics.load(i32, GIL_WORD.holder),
  };
}

/** Frees the lock if a thread that is gone (terminated, crashed) still holds or reserved it. */
export function releaseIfHeldBy(sab: SharedArrayBuffer, index: number): boolean {
  const { i32 } = gilViews(sab);
  Atomics.compareExchange(i32, GIL_WORD.requester, index, 0);
  if (Atomics.compareExchange(i32, GIL_WORD.holder, index, 0) !== index) return false;
  Atomics.notify(i32, GIL_WORD.holder);
  return true;
}
