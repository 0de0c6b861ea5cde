export const VIDEO_FORMATS = ['webm', 'mp4'] as const;
export type VideoFormat = (typeof VIDEO_FORMATS)[number];

/** A video is bounded: 1-120 fps, at most 36,000 frames (20 min at 30 fps). */
export const VIDEO_LIMITS = { minFps: 1, maxFps: 120, maxFrames: 36_000, minSpeed: 0.05, maxSpeed: 100 } as const;

/**
 * The run time each frame shows: the window [fromMs, toMs] played at `speed`
 * (run ms per video ms) lasts (toMs - fromMs) / speed ms of video, so it has
 * that many seconds times fps frames (at least one); frame i shows the run at
 * the end of its frame interval, the last frame the window's end.
 */
export function videoFrames(fromMs: number, toMs: number, fps: number, speed: number): number[] {
  if (!(toMs > fromMs)) throw new Error(`the video's window ends (${toMs} ms) before it starts (${fromMs} ms)`);
  const count = Math.max(1, Math.round(((toMs - fromMs) / speed / 1000) * fps));
  if (count > VIDEO_LIMITS.maxFrames) throw new Error(`that video would have ${count} frames; export at most ${VIDEO_LIMITS.maxFrames} (a shorter --from/--to window, a higher --speed or a lower --fps)`);
  const step = (toMs - fromMs) / count;
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? toMs : fromMs + (i + 1) * step));
}
