import type { PaintSurface } from '../../../timeline/canvas';
import { paintPicture } from '../../../timeline/export/paint-picture';
import type { Picture } from '../../../timeline/export/picture';

/**
 * The picture as PNG bytes, painted by the app's own painter on a headless
 * Skia canvas (@napi-rs/canvas: prebuilt for each platform, from the npm
 * registry; no browser). Loaded only for a PNG, so the rest of the CLI works
 * where its native part is missing.
 */
export async function renderPng(picture: Picture): Promise<Uint8Array> {
  let napi: typeof import('@napi-rs/canvas');
  try {
    napi = await import('@napi-rs/canvas');
  } catch (error) {
    throw new Error(`PNG export needs @napi-rs/canvas, which did not load on this machine (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); export --format svg instead`);
  }
  const make = (w: number, h: number): PaintSurface => napi.createCanvas(w, h);
  const target = napi.createCanvas(picture.width, picture.height);
  paintPicture(picture, target, make);
  return target.toBuffer('image/png');
}
