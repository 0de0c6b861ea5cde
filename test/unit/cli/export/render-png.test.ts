import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { renderPng } from '../../../../src/main/cli/export/render-png';
import { laneTop } from '../../../../src/timeline/layout';
import { buildPicture, type Picture } from '../../../../src/timeline/export/picture';
import { pictureToSvg } from '../../../../src/timeline/export/svg';
import { syntheticTrace } from '../../../support/synthetic-trace';

async function pixels(bytes: Uint8Array, width: number, height: number): Promise<Uint8ClampedArray> {
  const image = await loadImage(Buffer.from(bytes));
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return ctx.getImageData(0, 0, width, height).data;
}

/** Every pixel of every lane's plot area (not labels, axes or text). */
function lanePixels(picture: Picture): number[] {
  const out: number[] = [];
  for (const section of picture.sections) {
    const { layout } = section;
    section.lanes.forEach((_, i) => {
      const top = section.layoutTop + laneTop(layout, i);
      for (let y = top; y < top + layout.laneHeight; y++) for (let x = layout.plotLeft; x < layout.plotLeft + layout.plotWidth; x++) out.push(y * picture.width + x);
    });
  }
  return out;
}

describe('renderPng (the app painter on @napi-rs/canvas)', () => {
  const trace = syntheticTrace({ seed: 31, processes: 2, threadsPerProcess: 2, cores: 2, durationMs: 2000 });
  trace.annotations = []; // notes are drawn over the lanes; compare the lanes themselves
  const picture = buildPicture(trace, { width: 960, height: 540 });

  it('is a PNG of the asked size whose lanes are, pixel for pixel, the SVG\'s vector lanes', async () => {
    const png = await renderPng(picture);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const fromPng = await pixels(png, 960, 540);
    const fromSvg = await pixels(Buffer.from(pictureToSvg(picture)), 960, 540);
    const lane = lanePixels(picture);
    let same = 0;
    for (const p of lane) if ([0, 1, 2].every((k) => Math.abs((fromPng[p * 4 + k] as number) - (fromSvg[p * 4 + k] as number)) <= 2)) same++;
    // The painter fills pixels from the same binning the SVG turns into rects: they agree but for the painter's core-number text.
    expect(same / lane.length).toBeGreaterThan(0.97);
    // And the lanes are not empty: most of their area is a colour other than the lane background.
    const bg = [0xf1, 0xf3, 0xf5];
    const painted = lane.filter((p) => [0, 1, 2].some((k) => Math.abs((fromPng[p * 4 + k] as number) - (bg[k] as number)) > 8)).length;
    expect(painted / lane.length).toBeGreaterThan(0.5);
  });
});
