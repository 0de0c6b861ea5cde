import { axisTicks } from '../axis';
import type { Canvas2D, PaintSurface } from '../canvas';
import { CanvasPainter } from '../painter';
import { paintParallelism } from '../parallelism-strip';
import { legendRows, sectionScene, textWidth, type NoteMark, type Picture, type PictureSection } from './picture';

const NOTE = '#f59f00';
const font = (px: number, weight = '') => `${weight ? `${weight} ` : ''}${Math.round(px)}px system-ui, sans-serif`;

function text(ctx: Canvas2D, s: string, x: number, y: number, px: number, color: string, options: { weight?: string; align?: string; baseline?: string } = {}): void {
  ctx.font = font(px, options.weight);
  ctx.fillStyle = color;
  ctx.textAlign = options.align ?? 'start';
  ctx.textBaseline = options.baseline ?? 'alphabetic';
  ctx.fillText(s, x, y);
}

function line(ctx: Canvas2D, x0: number, y0: number, x1: number, y1: number): void {
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
}

/** `onPage`: the label as the page draws it (text on the lanes, no tab), for a picture of the page's view. */
function paintNote(ctx: Canvas2D, n: NoteMark, fontPx: number, onPage: { text: string; halo: string } | null): void {
  ctx.globalAlpha = 0.18;
  ctx.fillStyle = NOTE;
  ctx.fillRect(n.x0, n.y0, n.x1 - n.x0, n.y1 - n.y0);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = NOTE;
  ctx.lineWidth = 2;
  ctx.strokeRect(n.x0, n.y0, n.x1 - n.x0, n.y1 - n.y0);
  if (onPage) {
    // The page's label: text with a 3 px halo in the page colour, legible over busy lanes.
    ctx.strokeStyle = onPage.halo;
    ctx.lineWidth = 3;
    ctx.font = font(fontPx, '600');
    ctx.textAlign = 'start';
    ctx.textBaseline = 'alphabetic';
    ctx.strokeText(n.text, n.labelX, n.labelY);
    text(ctx, n.text, n.labelX, n.labelY, fontPx, onPage.text, { weight: '600' });
  }
  else {
    ctx.fillStyle = NOTE;
    ctx.fillRect(n.labelX - 3, n.labelY - fontPx * 0.75, textWidth(n.text, fontPx) + 6, fontPx * 1.4);
    text(ctx, n.text, n.labelX, n.labelY, fontPx, '#1b1f24', { weight: '600', baseline: 'middle' });
  }
  if (!n.arrow) return;
  const { x0, y0, x1, y1 } = n.arrow;
  ctx.strokeStyle = NOTE;
  ctx.lineWidth = 2.5;
  line(ctx, x0, y0, x1, y1);
  const a = Math.atan2(y1 - y0, x1 - x0);
  ctx.fillStyle = NOTE;
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - 14 * Math.cos(a - 0.45), y1 - 14 * Math.sin(a - 0.45));
  ctx.lineTo(x1 - 14 * Math.cos(a + 0.45), y1 - 14 * Math.sin(a + 0.45));
  ctx.closePath();
  ctx.fill();
}

/**
 * Paints a picture on a canvas: each view's lanes by the app's own
 * CanvasPainter (on a canvas of the view's size, from `makeSurface`), then the
 * title, headings, time axes, legend and annotations around them, placed as
 * the SVG places them. Works on a page's canvas and on @napi-rs/canvas alike.
 * `scale` 2 paints every pixel as 2x2 device pixels (a 2x picture: sharper,
 * same layout). `painted` may hand over a section's lanes already drawn (the
 * page's live canvas, when recording the view) instead of painting them again.
 */
export function paintPicture(
  picture: Picture,
  target: PaintSurface,
  makeSurface: (width: number, height: number) => PaintSurface,
  options: { scale?: number; painted?: (section: PictureSection) => PaintSurface | null } = {},
): void {
  const { width, height, colors, fontPx } = picture;
  const scale = options.scale ?? 1;
  // Setting a canvas's size clears and reallocates it (~10 ms at 1080p on Skia): only when it changes.
  if (target.width !== Math.round(width * scale)) target.width = Math.round(width * scale);
  if (target.height !== Math.round(height * scale)) target.height = Math.round(height * scale);
  const ctx = target.getContext('2d', { alpha: false });
  if (!ctx) throw new Error('no 2D canvas to paint the picture on');
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = colors.page;
  ctx.fillRect(0, 0, target.width, target.height);
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  if (!picture.bare) {
    text(ctx, picture.title, 10, fontPx * 1.3, fontPx * 1.25, colors.text, { weight: '700' });
    text(ctx, picture.subtitle, 10, fontPx * 2.6, fontPx * 0.85, colors.muted);
    if (picture.atMs !== undefined) text(ctx, `${(picture.atMs / 1000).toFixed(2)} s`, width - 10, fontPx * 1.4, fontPx * 1.4, colors.text, { weight: '700', align: 'right' });
  }

  for (const section of picture.sections) {
    const { layout } = section;
    const w = Math.round(width * scale);
    const h = Math.round(layout.height * scale);
    const ready = options.painted?.(section);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    if (ready) ctx.drawImage(ready, 0, 0, ready.width, ready.height, 0, Math.round(section.layoutTop * scale), w, h);
    else {
      // Lanes are painted at device pixels (dpr = scale), as the page paints them on a high-DPI screen.
      const surface = makeSurface(w, h);
      new CanvasPainter(surface).draw(sectionScene(picture, section, scale));
      ctx.drawImage(surface, 0, Math.round(section.layoutTop * scale));
    }
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    // A picture of the page's view takes the page's type: muted headings, d3's axis (6 px ticks, 11 px labels 9 px up).
    const bare = picture.bare === true;
    if (bare) text(ctx, section.title, 10, section.top + 2 + fontPx, fontPx, colors.muted, { weight: '600' });
    else text(ctx, section.title, 10, section.top + fontPx * 1.1, fontPx, colors.text, { weight: '600' });
    const axisY = section.layoutTop + layout.lanesTop - 2;
    ctx.strokeStyle = colors.grid;
    ctx.lineWidth = 1;
    line(ctx, layout.plotLeft, axisY + 0.5, layout.plotLeft + layout.plotWidth, axisY + 0.5);
    for (const t of axisTicks(layout)) {
      line(ctx, Math.round(t.x) + 0.5, axisY, Math.round(t.x) + 0.5, axisY - (bare ? 6 : 5));
      text(ctx, t.label, t.x, axisY - (bare ? 9 : 7), bare ? (fontPx * 11) / 12 : fontPx * 0.8, colors.muted, { align: 'center' });
    }
  }

  if (picture.strip) paintParallelism(ctx, picture.strip.pic, picture.strip.geom, colors, fontPx);

  for (const row of legendRows(picture.legend, width, fontPx)) {
    const y = picture.legendTop + row.y + fontPx;
    if (row.kind === 'title') text(ctx, row.text, row.x, y, fontPx, colors.text, { weight: '600' });
    else {
      ctx.fillStyle = row.color as string;
      ctx.fillRect(row.x, y - fontPx * 0.8, fontPx, fontPx);
      text(ctx, row.text, row.x + fontPx * 1.4, y, fontPx, colors.text);
    }
  }
  for (const n of picture.notes) paintNote(ctx, n, fontPx, picture.bare ? { text: colors.text, halo: colors.page } : null);
  ctx.textAlign = 'start';
}
