import type { Disposer } from '../../shared';
import type { ReplayClock } from '../../timeline/replay/replay-clock';
import type { TimelineViewState } from '../timeline/view-state';

/**
 * Runs a replay in the page: while the clock plays, one requestAnimationFrame
 * loop advances it; every change of its time moves the views' `untilMs`, and
 * the views repaint the run as it was then.
 */
export function driveReplay(clock: ReplayClock, view: TimelineViewState): Disposer {
  let frame = 0;
  // `frame` stays set while the loop runs, so the clock's own change events never start a second loop.
  const loop = (now: number) => {
    frame = clock.tick(now) ? requestAnimationFrame(loop) : 0;
  };
  const off = clock.onChange((s) => {
    view.setUntil(s.tMs);
    if (s.playing && !frame) frame = requestAnimationFrame(loop);
  });
  return () => {
    off();
    if (frame) cancelAnimationFrame(frame);
  };
}
