import type { Disposer } from '../../shared';
import { FrameCost, liveGapMs } from './live-budget';

/**
 * The one requestAnimationFrame loop: anything that changes (data, viewport,
 * size, theme) calls request(); all requests before the next frame coalesce
 * into one call of each registered painter. An idle page schedules nothing.
 */
export class FrameScheduler {
  private readonly painters = new Set<(now: number) => void>();
  private pending = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastFrame = -Infinity;
  frames = 0;
  /** Benchmarks only: when set, each frame's work time (ms) is pushed here, after `afterFrame` ran. */
  timings: number[] | null = null;
  afterFrame: (() => void) | null = null;
  /** Main-thread time per frame: from the frame's callbacks to the first task after it (style, layout, paint and commit included). */
  readonly frameCost = new FrameCost();
  private readonly afterFrameTask: MessageChannel | null = typeof MessageChannel === 'undefined' ? null : new MessageChannel();
  private frameStarted = 0;

  constructor(
    private readonly raf: (cb: (t: number) => void) => number = (cb) => requestAnimationFrame(cb),
    private readonly caf: (id: number) => void = (id) => cancelAnimationFrame(id),
  ) {
    if (this.afterFrameTask) this.afterFrameTask.port1.onmessage = () => this.frameCost.add(performance.now() - this.frameStarted);
  }

  add(painter: (now: number) => void): Disposer {
    this.painters.add(painter);
    this.request();
    return () => this.painters.delete(painter);
  }

  request(): void {
    if (this.pending) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.pending = this.raf((now) => {
      this.pending = 0;
      this.lastFrame = performance.now();
      this.frameStarted = this.lastFrame;
      this.afterFrameTask?.port2.postMessage(0);
      this.frames++;
      const started = this.timings ? performance.now() : 0;
      for (const p of this.painters) p(now);
      if (this.timings) {
        this.afterFrame?.();
        this.timings.push(performance.now() - started);
      }
    });
  }

  /**
   * A frame, but not sooner than `minGapMs` after the last one: streaming data
   * arrives every ~25 ms, and redrawing for each batch costs the cores the
   * workloads need; user input still gets the next frame via request().
   */
  requestWithin(minGapMs: number): void {
    if (this.pending || this.timer) return;
    const wait = this.lastFrame + minGapMs - performance.now();
    if (wait <= 0) {
      this.request();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.request();
    }, wait);
  }

  /** A frame for live data, at the rate the measured frame cost allows (live-budget.ts); none while measure-first holds. */
  requestLive(view: { holding: boolean }): void {
    if (!view.holding) this.requestWithin(this.liveGapMs);
  }

  /**
   * A view's box changed: redraw at once, except in a live run's first
   * seconds, where it waits for the next live frame. Panels that appear as a
   * run starts resize the views five or six times in its first second, and
   * each full repaint costs tens of ms; until then the browser stretches the
   * old picture. A view's first size, and later ones (a view switch, a
   * window resize), are drawn at once: clicks find lanes where they are shown.
   */
  requestResized(view: { startingRun: boolean; holding: boolean }, firstSize: boolean): void {
    if (view.startingRun && !firstSize) this.requestLive(view);
    else this.request();
  }

  /** Set (the page's ?live-gap-ms=): live frames at this gap whatever they cost. */
  fixedLiveGapMs: number | null = null;

  get liveGapMs(): number {
    return this.fixedLiveGapMs ?? liveGapMs(this.frameCost.value);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending) this.caf(this.pending);
    this.pending = 0;
    this.painters.clear();
    if (this.afterFrameTask) this.afterFrameTask.port1.onmessage = null;
  }
}

export const frameScheduler = new FrameScheduler();
