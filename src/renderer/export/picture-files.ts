import type { PaintSurface } from '../../timeline/canvas';
import { paintPicture } from '../../timeline/export/paint-picture';
import type { Picture } from '../../timeline/export/picture';
import { pictureToSvg } from '../../timeline/export/svg';

/** A fresh page canvas (the painter's surfaces are plain canvases, as the CLI's are @napi-rs/canvas ones). */
export function makeCanvas(width: number, height: number): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  return c;
}

/** The picture as a PNG, painted by the same paintPicture as `corelanes export --format png`, at 1x or 2x. */
export function pngOf(picture: Picture, scale: number): Promise<Blob> {
  const target = makeCanvas(1, 1);
  paintPicture(picture, target as PaintSurface, (w, h) => makeCanvas(w, h) as PaintSurface, { scale });
  return new Promise((resolve, reject) => target.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'));
}

/** The picture as SVG: vector lanes at the view's level of detail (pictureToSvg, as the CLI's). */
export function svgOf(picture: Picture, scale: number): Blob {
  return new Blob([pictureToSvg(picture, scale)], { type: 'image/svg+xml' });
}
