import type { Disposer } from '../../shared';

/**
 * A tiny external store for React (useSyncExternalStore). Updates apply at
 * once; listeners hear about them at most every `throttleMs`, so a stream of
 * events costs a few React renders per second, not one per batch.
 */
export class Store<T> {
  private state: T;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private last = 0;
  private paused = false;
  private missed = false;

  constructor(
    initial: T,
    private readonly throttleMs = 400,
  ) {
    this.state = initial;
  }

  get = (): T => this.state;

  subscribe = (listener: () => void): Disposer => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  update(fn: (s: T) => T, urgent = false): void {
    const next = fn(this.state);
    if (next === this.state) return;
    this.state = next;
    if (this.paused) this.missed = true;
    else this.schedule(urgent);
  }

  /** While the page is hidden nobody sees what React would draw: hold the notifications, and give one when it shows again. */
  setPaused(paused: boolean): void {
    this.paused = paused;
    if (paused || !this.missed) return;
    this.missed = false;
    this.schedule(true);
  }

  private schedule(urgent: boolean): void {
    const wait = urgent ? 0 : Math.max(0, this.last + this.throttleMs - Date.now());
    if (this.timer) {
      if (!urgent) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.paused) {
        this.missed = true;
        return;
      }
      this.last = Date.now();
      for (const l of this.listeners) l();
    }, wait);
  }
}
