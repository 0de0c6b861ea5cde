import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import type { PaintSurface } from '../../../../src/timeline/canvas';
import { VideoFramePainter } from '../../../../src/timeline/export/frame-painter';
import { paintPicture } from '../../../../src/timeline/export/paint-picture';
import { buildPicture } from '../../../../src/timeline/export/picture';
import { videoFrames } from '../../../../src/timeline/export/video-frames';
import { loadTraceIntoModel } from '../../../../src/timeline/load-trace';
import { TimelineModel } from '../../../../src/timeline/model';
import { syntheticTrace } from '../../../support/synthetic-trace';

const trace = syntheticTrace({ seed: 3, processes: 3, threadsPerProcess: 2, cores: 2, durationMs: 1200 });
const model = new TimelineModel();
loadTraceIntoModel(model, trace);

/** Pixels that differ between two RGBA buffers. */
function differing(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 4) if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) n++;
  return n;
}

describe('VideoFramePainter: frames painted from the last one', () => {
  // A wide window (thin slices) and a narrow one (slices wide enough for core numbers, which move as a slice grows).
  it.each([
    [0, 1200],
    [300, 420],
  ])('gives the same pixels as painting each frame whole (window %i-%i ms)', (fromMs, toMs) => {
    const frames = new VideoFramePainter((w, h) => createCanvas(w, h) as PaintSurface);
    const strip = createCanvas(640, 360);
    const whole = createCanvas(640, 360);
    const times = videoFrames(fromMs, toMs, 30, (toMs - fromMs) / 600);
    let checked = 0;
    for (const atMs of times) {
      const picture = buildPicture(trace, { width: 640, height: 360, fromMs, toMs, atMs, model });
      frames.paint(picture, strip as PaintSurface);
      paintPicture(picture, whole as PaintSurface, (w, h) => createCanvas(w, h) as PaintSurface);
      const a = strip.getContext('2d').getImageData(0, 0, 640, 360).data;
      const b = whole.getContext('2d').getImageData(0, 0, 640, 360).data;
      expect(differing(a, b)).toBe(0);
      checked++;
    }
    expect(checked).toBe(times.length);
    // Most of the 2 views' frames are strips (a note appearing pushes the lanes down: that view starts over whole).
    expect(frames.counts.strip).toBeGreaterThanOrEqual(times.length);
  });
});
