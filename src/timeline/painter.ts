import type { Canvas2D, PaintSurface, PixelImage } from './canvas';
import type { TimelineLayout } from './layout';
import { laneTop } from './layout';
import type { LaneDescriptor } from './lanes';
import { binLane, fadePalette, stackColumns } from './lod';
import type { TimelineModel } from './model';
import { STATE_INDEX } from './segment-store';
import { CRASH_COLOR, placeMarks, type MarkPlace, type TaskMark } from './task-marks';

export interface Scene {
  layout: TimelineLayout;
  lanes: readonly LaneDescriptor[];
  model: TimelineModel;
  dpr: number;
  colors: { page: number; pageCss: string; lane: number; text: string; muted: string; select: string };
  fontPx: number;
  /** Draw the core number on running slices of Tasks lanes wide enough to hold it. */
  coreNumbers: boolean;
  /** A replay's time: the lanes show the run as it was then, and a playhead marks it. Absent: everything recorded. */
  untilMs?: number;
  /** The playhead's colour (CSS). */
  playhead?: string;
  /** Spawn, exit and crash marks, drawn on their tasks' lanes. */
  marks?: readonly TaskMark[];
}

// Both the page and Node have a global performance clock; this folder is typed without either environment.
declare const performance: { now(): number };

export interface PaintStats {
  visitedSegments: number;
  ms: number;
}

/**
 * Draws a Scene on a canvas (the page's, or a headless one in Node): lane bars as pixels (binned per CSS-pixel column,
 * written once with putImageData into a reused ImageData), then labels and
 * outlines with the 2D API. Knows nothing of React or of where data comes from.
 */
export class CanvasPainter {
  private readonly ctx: Canvas2D;
  private image: PixelImage | null = null;
  private pixels: Uint32Array = new Uint32Array(0);
  private shares = new Float32Array(0);
  private block = new Uint32Array(0);
  private faded: Uint32Array = new Uint32Array(0);
  /** How frames were painted (tests check the incremental paths are taken). */
  readonly counts = { full: 0, strip: 0, shifted: 0 };

  constructor(private readonly canvas: PaintSurface) {
    const ctx = canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('This browser gave no 2D canvas; the timeline cannot be drawn.');
    this.ctx = ctx;
  }

  /**
   * Draws the scene. With `changedFromMs` (the earliest time new data touched,
   * same layout as the last draw) only the columns from there to the right are
   * binned and uploaded: a live view that is not scrolling repaints a strip,
   * not the canvas (DESIGN.md section 10: redraw only what changed).
   */
  draw(scene: Scene, changedFromMs = -Infinity, shiftColumns = 0): PaintStats {
    const started = performance.now();
    const { layout, dpr } = scene;
    const devW = Math.max(1, Math.round(layout.width * dpr));
    const devH = Math.max(1, Math.round(layout.height * dpr));
    const visibleLanes = Math.min(scene.lanes.length, Math.ceil((layout.height - layout.lanesTop) / layout.laneStep));
    const [t0, t1] = layout.x.domain() as [number, number];
    const msPerColumn = (t1 - t0) / layout.plotWidth;
    const imgW = Math.max(1, Math.round(layout.plotWidth * dpr));
    const imgH = Math.max(1, Math.round(Math.min(layout.height - layout.lanesTop, visibleLanes * layout.laneStep) * dpr));
    const reusable = this.canvas.width === devW && this.canvas.height === devH && this.image?.width === imgW && this.image.height === imgH;
    let fromColumn = 0;
    if (reusable && shiftColumns > 0 && shiftColumns < layout.plotWidth) {
      // Scrolling: move what is drawn left by whole columns, then paint the new strip (and anything data changed).
      this.shiftLeft(scene, shiftColumns);
      this.counts.shifted++;
      fromColumn = layout.plotWidth - shiftColumns;
      if (changedFromMs !== Infinity) fromColumn = Math.min(fromColumn, Math.max(0, Math.floor((changedFromMs - t0) / msPerColumn) - 1));
    } else if (reusable && changedFromMs !== -Infinity) {
      fromColumn = Math.max(0, Math.floor((changedFromMs - t0) / msPerColumn) - 1);
      if (fromColumn >= layout.plotWidth) return { visitedSegments: 0, ms: performance.now() - started };
    }
    const ctx = this.ctx;
    if (fromColumn === 0) {
      if (this.canvas.width !== devW || this.canvas.height !== devH) {
        this.canvas.width = devW;
        this.canvas.height = devH;
      }
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = scene.colors.pageCss;
      ctx.fillRect(0, 0, devW, devH);
    }
    if (fromColumn === 0) this.counts.full++;
    else if (shiftColumns === 0) this.counts.strip++;
    const visited = this.paintLanes(scene, visibleLanes, fromColumn);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (fromColumn === 0) this.paintLabels(scene, visibleLanes);
    if (scene.coreNumbers) this.paintCoreNumbers(scene, visibleLanes, t0 + fromColumn * msPerColumn);
    if (scene.marks?.length) this.paintMarks(scene, visibleLanes, t0 + fromColumn * msPerColumn);
    if (scene.untilMs !== undefined) this.paintPlayhead(scene, visibleLanes);
    return { visitedSegments: visited, ms: performance.now() - started };
  }

  /** Shifts the plot's pixels (canvas and buffer alike) left by whole CSS-pixel columns. */
  private shiftLeft(scene: Scene, columns: number): void {
    const image = this.image;
    if (!image) return;
    const { layout, dpr } = scene;
    const dev = Math.round(columns * dpr);
    const w = image.width;
    for (let y = 0; y < image.height; y++) this.pixels.copyWithin(y * w, y * w + dev, (y + 1) * w);
    const x = Math.round(layout.plotLeft * dpr);
    const top = Math.round(layout.lanesTop * dpr);
    this.ctx.setTransform(1, 0, 0, 1, 0, 0);
    this.ctx.drawImage(this.canvas, x + dev, top, w - dev, image.height, x, top, w - dev, image.height);
  }

  private paintLanes(scene: Scene, laneCount: number, fromColumn: number): number {
    const { layout, dpr } = scene;
    const plotColumns = layout.plotWidth;
    const imgW = Math.max(1, Math.round(plotColumns * dpr));
    const imgH = Math.max(1, Math.round(Math.min(layout.height - layout.lanesTop, laneCount * layout.laneStep) * dpr));
    if (!this.image || this.image.width !== imgW || this.image.height !== imgH) {
      this.image = this.ctx.createImageData(imgW, imgH);
      this.pixels = new Uint32Array(this.image.data.buffer);
      fromColumn = 0;
    }
    if (fromColumn === 0) this.pixels.fill(scene.colors.page);
    const [t0, t1] = layout.x.domain() as [number, number];
    const msPerColumn = (t1 - t0) / plotColumns;
    const columns = plotColumns - fromColumn;
    const binFrom = t0 + fromColumn * msPerColumn;
    const deviceFrom = Math.round(fromColumn * dpr);
    let visited = 0;
    for (let li = 0; li < laneCount; li++) {
      const lane = scene.lanes[li] as LaneDescriptor;
      const need = columns * lane.categories;
      if (this.shares.length < need) this.shares = new Float32Array(Math.ceil(need * 1.25));
      visited += binLane(lane.columns, binFrom, msPerColumn, columns, lane.categories, this.shares, scene.untilMs);
      const y0 = Math.round((laneTop(layout, li) - layout.lanesTop) * dpr);
      const y1 = Math.min(imgH, Math.round((laneTop(layout, li) - layout.lanesTop + layout.laneHeight) * dpr));
      const h = y1 - y0;
      if (h <= 0) continue;
      // Stack at CSS-pixel columns and device-pixel rows, then widen columns for the device.
      if (this.block.length < columns * h) this.block = new Uint32Array(columns * h);
      let faded: Uint32Array | undefined;
      if (lane.dim) faded = this.faded = fadePalette(lane.palette, scene.colors.lane, lane.dim.reduce((m, d) => Math.min(m, d), 1), this.faded);
      stackColumns(this.shares, columns, lane.categories, lane.palette, scene.colors.lane, h, this.block, lane.dim ?? undefined, faded);
      const block = this.block;
      const pixels = this.pixels;
      for (let r = 0; r < h; r++) {
        const dst = (y0 + r) * imgW + deviceFrom;
        if (dpr === 1) for (let c = 0; c < columns; c++) pixels[dst + c] = block[c * h + r] as number;
        else for (let d = 0; d < imgW - deviceFrom; d++) pixels[dst + d] = block[Math.min(columns - 1, Math.floor(d / dpr)) * h + r] as number;
      }
    }
    const x = Math.round(layout.plotLeft * dpr);
    const y = Math.round(layout.lanesTop * dpr);
    if (deviceFrom === 0) this.ctx.putImageData(this.image, x, y);
    else this.ctx.putImageData(this.image, x, y, deviceFrom, 0, imgW - deviceFrom, imgH);
    return visited;
  }

  private paintLabels(scene: Scene, laneCount: number): void {
    const { ctx } = this;
    const { layout } = scene;
    const font = Math.min(scene.fontPx, Math.max(8, layout.laneHeight - 2));
    ctx.textBaseline = 'middle';
    for (let li = 0; li < laneCount; li++) {
      const lane = scene.lanes[li] as LaneDescriptor;
      const top = laneTop(layout, li);
      const mid = top + layout.laneHeight / 2;
      if (lane.swatch) {
        ctx.fillStyle = lane.swatch;
        ctx.fillRect(2, top, 5, layout.laneHeight);
      }
      ctx.fillStyle = scene.colors.text;
      ctx.font = `${lane.highlighted ? '600 ' : ''}${font}px system-ui, sans-serif`;
      const twoLines = lane.note !== null && layout.laneHeight >= font * 2 + 2;
      const maxW = layout.plotLeft - 14;
      ctx.fillText(fit(ctx, lane.label, maxW), 10, twoLines ? mid - font / 2 : mid, maxW);
      if (twoLines && lane.note) {
        ctx.fillStyle = scene.colors.muted;
        ctx.font = `${Math.round(font * 0.85)}px system-ui, sans-serif`;
        ctx.fillText(fit(ctx, lane.note, maxW), 10, mid + font / 2, maxW);
      }
      if (lane.highlighted) {
        ctx.strokeStyle = scene.colors.select;
        ctx.lineWidth = 2;
        ctx.strokeRect(layout.plotLeft - 1, top - 1, layout.plotWidth + 2, layout.laneHeight + 2);
      }
    }
  }

  /** The replay's time as a vertical line over the lanes (when it is in view). */
  private paintPlayhead(scene: Scene, laneCount: number): void {
    const { layout } = scene;
    const x = Math.round(layout.x(scene.untilMs as number)) + 0.5;
    if (x < layout.plotLeft || x > layout.plotLeft + layout.plotWidth) return;
    const ctx = this.ctx;
    ctx.strokeStyle = scene.playhead ?? scene.colors.select;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x, layout.lanesTop);
    ctx.lineTo(x, layout.lanesTop + Math.min(layout.height - layout.lanesTop, laneCount * layout.laneStep));
    ctx.stroke();
  }

  /** Spawn, exit and crash marks; a partial repaint redraws those over the strip, clipped to it. */
  private paintMarks(scene: Scene, laneCount: number, fromMs: number): void {
    const { ctx } = this;
    const { layout } = scene;
    const places = placeMarks(scene.marks ?? [], scene.lanes.slice(0, laneCount), layout, scene.untilMs);
    if (places.length === 0) return;
    ctx.save();
    const clipX = layout.x(fromMs);
    ctx.beginPath();
    ctx.rect(clipX, layout.lanesTop, layout.plotLeft + layout.plotWidth - clipX, layout.height - layout.lanesTop);
    ctx.clip();
    // Crashes last, so they stay on top where marks meet.
    for (const p of places) if (p.mark.kind !== 'crash') paintMark(ctx, p, scene.colors.text, scene.colors.pageCss);
    for (const p of places) if (p.mark.kind === 'crash') paintMark(ctx, p, scene.colors.text, scene.colors.pageCss);
    ctx.restore();
  }

  /** Core numbers on running slices, only where few slices are visible and wide enough. */
  private paintCoreNumbers(scene: Scene, laneCount: number, fromMs: number): void {
    const { ctx } = this;
    const { layout, model } = scene;
    const [, t1] = layout.x.domain() as [number, number];
    const t0 = fromMs;
    const until = scene.untilMs ?? Infinity;
    const font = Math.min(scene.fontPx, layout.laneHeight - 4);
    if (font < 8) return;
    // Partial repaint: labels of slices straddling the strip are redrawn clipped to it, at the same place.
    ctx.save();
    const clipX = layout.x(fromMs);
    ctx.beginPath();
    ctx.rect(clipX, layout.lanesTop, layout.plotLeft + layout.plotWidth - clipX, layout.height - layout.lanesTop);
    ctx.clip();
    ctx.font = `600 ${font}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.fillStyle = '#ffffff';
    for (let li = 0; li < laneCount; li++) {
      const lane = scene.lanes[li] as LaneDescriptor;
      if (lane.task === null) continue;
      const cols = lane.columns;
      let budget = 400;
      for (let i = cols.firstVisible(t0); i < cols.length && (cols.start[i] as number) < t1 && budget-- > 0; i++) {
        if (cols.category[i] !== STATE_INDEX.running || (cols.start[i] as number) >= until) continue;
        const x0 = Math.max(layout.plotLeft, layout.x(cols.start[i] as number));
        const x1 = Math.min(layout.plotLeft + layout.plotWidth, layout.x(Math.min(until, cols.end[i] as number)));
        if (x1 - x0 < font * 2.2) continue;
        const core = model.segments.get(cols.segment[i] as number).core;
        ctx.fillText(core === null ? '?' : String(core), (x0 + x1) / 2, laneTop(layout, li) + layout.laneHeight / 2 + 1);
      }
    }
    ctx.restore();
    ctx.textAlign = 'start';
  }
}

/**
 * One mark: spawn a small flag (a triangle at the lane's top edge, pointing
 * right), exit a bar ending in a square, crash a red × with a halo so it reads
 * on any slice colour.
 */
export function paintMark(ctx: Canvas2D, p: MarkPlace, text: string, halo: string): void {
  const h = p.size / 2;
  ctx.lineWidth = 2;
  if (p.mark.kind === 'spawn') {
    ctx.fillStyle = text;
    ctx.strokeStyle = halo;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(p.x, p.y - h);
    ctx.lineTo(p.x + h * 1.2, p.y);
    ctx.lineTo(p.x, p.y + h);
    ctx.closePath();
    ctx.fill();
    ctx.stroke();
    return;
  }
  if (p.mark.kind === 'exit') {
    ctx.fillStyle = halo;
    ctx.fillRect(p.x - 2.5, p.y - h - 1, 5, p.size + 2);
    ctx.fillStyle = text;
    ctx.fillRect(p.x - 1, p.y - h, 2, p.size);
    ctx.fillRect(p.x - h * 0.6, p.y - h, h * 0.6, h * 0.6);
    return;
  }
  for (const [color, width] of [
    [halo, 5],
    [CRASH_COLOR, 2.5],
  ] as const) {
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.beginPath();
    ctx.moveTo(p.x - h, p.y - h);
    ctx.lineTo(p.x + h, p.y + h);
    ctx.moveTo(p.x + h, p.y - h);
    ctx.lineTo(p.x - h, p.y + h);
    ctx.stroke();
  }
}

// Labels rarely change between frames: measuring them every frame cost ~1 ms with 64 lanes.
const fitted = new Map<string, string>();

function fit(ctx: Canvas2D, text: string, width: number): string {
  const key = `${ctx.font}|${width}|${text}`;
  const known = fitted.get(key);
  if (known !== undefined) return known;
  let s = text;
  if (ctx.measureText(text).width > width) {
    while (s.length > 1 && ctx.measureText(`${s}…`).width > width) s = s.slice(0, -1);
    s = `${s}…`;
  }
  if (fitted.size > 2000) fitted.clear();
  fitted.set(key, s);
  return s;
}
