import type { Disposer } from '../../shared';

/**
 * The one requestAnimationFrame loop: anything that changes (data, viewport,
 * size, theme) calls request(); all requests before the next frame coalesce
 * into one call of each registered painter. An idle page schedules nothing.
 */
export class FrameScheduler {
  private readonly painters = new Set<(now: number) => void>();
  private pending = 0;
  frames = 0;

  constructor(
    private readonly raf: (cb: (t: number) => void) => number = (cb) => requestAnimationFrame(cb),
    private readonly caf: (id: number) => void = (id) => cancelAnimationFrame(id),
  ) {}

  add(painter: (now: number) => void): Disposer {
    this.painters.add(painter);
    this.request();
    return () => this.painters.delete(painter);
  }

  request(): void {
    if (this.pending) return;
    this.pending = this.raf((now) => {
      this.pending = 0;
      this.frames++;
      for (const p of this.painters) p(now);
    });
  }

  dispose(): void {
    if (this.pending) this.caf(this.pending);
    this.pending = 0;
    this.painters.clear();
  }
}

export const frameScheduler = new FrameScheduler();
