import { describe, expect, it } from 'vitest';
import { videoFrames } from '../../../../src/timeline/export/video-frames';

describe('videoFrames: the run time each frame of a video shows', () => {
  it('gives window / speed x fps frames, each at the end of its interval, the last at the window end', () => {
    const t = videoFrames(200, 1200, 30, 1);
    expect(t).toHaveLength(30);
    expect(t[0]).toBeCloseTo(200 + 1000 / 30, 9);
    expect(t.at(-1)).toBe(1200);
    expect(videoFrames(0, 1000, 24, 2)).toHaveLength(12);
    expect(videoFrames(0, 1000, 30, 0.5)).toHaveLength(60);
    expect(videoFrames(0, 1, 30, 1)).toHaveLength(1);
  });

  it('refuses an empty window and videos past 36,000 frames, saying what to change', () => {
    expect(() => videoFrames(5, 5, 30, 1)).toThrow(/ends \(5 ms\) before it starts/);
    expect(() => videoFrames(0, 3_600_000, 30, 1)).toThrow(/108000 frames.*--speed/);
  });
});
