/**
 * The part of a 2D canvas the timeline draws with. A browser's
 * CanvasRenderingContext2D and @napi-rs/canvas's context both have it, so the
 * same painter draws the app's view and the CLI's PNG export. Kept small on
 * purpose: a method the painter starts to use is added here, and both
 * environments' type checks say whether they still fit.
 */
export interface PixelImage {
  readonly width: number;
  readonly height: number;
  /** RGBA bytes (the painter writes them as Uint32 pixels over the same buffer). */
  readonly data: { readonly buffer: ArrayBufferLike };
}

export interface Canvas2D {
  fillStyle: string | object;
  strokeStyle: string | object;
  lineWidth: number;
  font: string;
  textBaseline: string;
  textAlign: string;
  globalAlpha: number;
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number, maxWidth?: number): void;
  strokeText(text: string, x: number, y: number): void;
  measureText(text: string): { width: number };
  createImageData(width: number, height: number): PixelImage;
  putImageData(image: PixelImage, dx: number, dy: number): void;
  putImageData(image: PixelImage, dx: number, dy: number, dirtyX: number, dirtyY: number, dirtyWidth: number, dirtyHeight: number): void;
  /** `image` is a canvas of the same kind (a PaintSurface). */
  drawImage(image: object, dx: number, dy: number): void;
  drawImage(image: object, sx: number, sy: number, sw: number, sh: number, dx: number, dy: number, dw: number, dh: number): void;
  save(): void;
  restore(): void;
  beginPath(): void;
  closePath(): void;
  rect(x: number, y: number, w: number, h: number): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  clip(): void;
  fill(): void;
  stroke(): void;
}

/** A canvas: an HTMLCanvasElement in the page, an @napi-rs/canvas Canvas in Node. */
export interface PaintSurface {
  width: number;
  height: number;
  getContext(kind: '2d', options: { alpha: boolean }): Canvas2D | null;
}
