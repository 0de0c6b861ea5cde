import { axisTicks } from '../axis';
import type { LaneDescriptor } from '../lanes';
import { laneTop } from '../layout';
import { binLane, stackColumns } from '../lod';
import { coreLineY, stripBars, stripTicks } from '../parallelism-strip';
import { CRASH_COLOR, placeMarks, taskMarks, type MarkPlace } from '../task-marks';
import { legendRows, textWidth, type Picture, type PictureSection } from './picture';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
const hex = (packed: number) => {
  const v = ((packed & 255) << 16) | (packed & 0xff00) | ((packed >>> 16) & 255);
  return `#${v.toString(16).padStart(6, '0')}`;
};

/** A label cut to a width, with an ellipsis (as the painter's fit(), by estimate). */
function fitted(text: string, width: number, fontPx: number): string {
  if (textWidth(text, fontPx) <= width) return text;
  const keep = Math.max(1, Math.floor(width / (fontPx * 0.56)) - 1);
  return `${text.slice(0, keep)}…`;
}

/**
 * A lane as vector shapes at the picture's level of detail: the same
 * per-pixel-column shares (binLane) stacked the same way (stackColumns) as the
 * painter's pixels, then each run of identical columns becomes one rect per
 * colour: a busy core over a second is one rect, not a thousand.
 */
function laneRects(section: PictureSection, lane: LaneDescriptor, index: number, untilMs: number | undefined): string[] {
  const { layout } = section;
  const columns = layout.plotWidth;
  const h = layout.laneHeight;
  const [t0, t1] = layout.x.domain() as [number, number];
  const shares = new Float32Array(columns * lane.categories);
  binLane(lane.columns, t0, (t1 - t0) / columns, columns, lane.categories, shares, untilMs);
  const ids = Uint32Array.from({ length: lane.categories }, (_, k) => k + 1);
  const block = new Uint32Array(columns * h);
  stackColumns(shares, columns, lane.categories, ids, 0, h, block);
  const top = section.layoutTop + laneTop(layout, index);
  const out: string[] = [];
  const same = (a: number, b: number) => {
    for (let r = 0; r < h; r++) if (block[a * h + r] !== block[b * h + r]) return false;
    return true;
  };
  let from = 0;
  for (let c = 1; c <= columns; c++) {
    if (c < columns && same(c, from)) continue;
    // Columns [from, c) look alike: one rect per run of rows of one category.
    for (let r = 0; r < h; ) {
      const id = block[from * h + r] as number;
      let end = r + 1;
      while (end < h && block[from * h + end] === id) end++;
      if (id !== 0) out.push(`<rect x="${layout.plotLeft + from}" y="${top + r}" width="${c - from}" height="${end - r}" fill="${hex(lane.palette[id - 1] as number)}"/>`);
      r = end;
    }
    from = c;
  }
  return out;
}

/** A spawn, exit or crash mark as SVG, shaped as the painter's (paintMark), with its tooltip as a <title>. */
function markSvg(p: MarkPlace, dy: number, text: string, halo: string): string {
  const h = p.size / 2;
  const x = p.x;
  const y = p.y + dy;
  const title = `<title>${esc(p.mark.lines.join(' · '))}</title>`;
  if (p.mark.kind === 'spawn') return `<g class="mark spawn">${title}<polygon points="${x},${y - h} ${x + h * 1.2},${y} ${x},${y + h}" fill="${text}" stroke="${halo}"/></g>`;
  if (p.mark.kind === 'exit') return `<g class="mark exit">${title}<rect x="${x - 1}" y="${y - h}" width="2" height="${p.size}" fill="${text}" stroke="${halo}" stroke-width="1"/><rect x="${x - h * 0.6}" y="${y - h}" width="${h * 0.6}" height="${h * 0.6}" fill="${text}"/></g>`;
  const d = `M${x - h},${y - h}L${x + h},${y + h}M${x + h},${y - h}L${x - h},${y + h}`;
  return `<g class="mark crash">${title}<path d="${d}" stroke="${halo}" stroke-width="5"/><path d="${d}" stroke="${CRASH_COLOR}" stroke-width="2.5"/></g>`;
}

function sectionSvg(picture: Picture, section: PictureSection): string[] {
  const { layout } = section;
  const { colors, fontPx } = picture;
  const out: string[] = [`<g class="view" data-view="${section.kind}">`];
  out.push(`<text class="heading" x="10" y="${section.top + fontPx * 1.1}" font-size="${fontPx}" font-weight="600" fill="${colors.text}">${esc(section.title)}</text>`);
  const axisY = section.layoutTop + layout.lanesTop - 2;
  out.push(`<g class="axis" font-size="${Math.round(fontPx * 0.8)}" fill="${colors.muted}" stroke="${colors.grid}">`);
  out.push(`<line x1="${layout.plotLeft}" y1="${axisY}" x2="${layout.plotLeft + layout.plotWidth}" y2="${axisY}"/>`);
  for (const t of axisTicks(layout)) {
    out.push(`<line x1="${t.x.toFixed(1)}" y1="${axisY}" x2="${t.x.toFixed(1)}" y2="${axisY - 5}"/><text x="${t.x.toFixed(1)}" y="${axisY - 7}" text-anchor="middle" stroke="none">${esc(t.label)}</text>`);
  }
  out.push('</g>');
  const font = Math.min(fontPx, Math.max(8, layout.laneHeight - 2));
  section.lanes.forEach((lane, i) => {
    const top = section.layoutTop + laneTop(layout, i);
    const mid = top + layout.laneHeight / 2;
    const twoLines = lane.note !== null && layout.laneHeight >= font * 2 + 2;
    const maxW = layout.plotLeft - 14;
    out.push(`<g class="lane" data-lane="${esc(lane.key)}"><title>${esc(lane.label)}${lane.note ? ` (${esc(lane.note)})` : ''}</title>`);
    out.push(`<rect class="lane-bg" x="${layout.plotLeft}" y="${top}" width="${layout.plotWidth}" height="${layout.laneHeight}" fill="${colors.lane}"/>`);
    if (lane.swatch) out.push(`<rect x="2" y="${top}" width="5" height="${layout.laneHeight}" fill="${lane.swatch}"/>`);
    out.push(`<text x="10" y="${twoLines ? mid - font / 2 : mid}" dominant-baseline="middle" font-size="${font}" fill="${colors.text}">${esc(fitted(lane.label, maxW, font))}</text>`);
    if (twoLines && lane.note) out.push(`<text x="10" y="${mid + font / 2}" dominant-baseline="middle" font-size="${Math.round(font * 0.85)}" fill="${colors.muted}">${esc(fitted(lane.note, maxW, Math.round(font * 0.85)))}</text>`);
    // (a loop, not a spread: a dense lane has more rects than a call has room for arguments)
    for (const rect of laneRects(section, lane, i, picture.atMs)) out.push(rect);
    out.push('</g>');
  });
  if (section.kind === 'tasks') {
    const places = placeMarks(taskMarks(picture.model.tasks), section.lanes, layout, picture.atMs);
    for (const p of places) if (p.mark.kind !== 'crash') out.push(markSvg(p, section.layoutTop, colors.text, colors.page));
    for (const p of places) if (p.mark.kind === 'crash') out.push(markSvg(p, section.layoutTop, colors.text, colors.page));
  }
  out.push('</g>');
  return out;
}

/** "Parallelism over time" as vector bars, with the same geometry as the canvas's (stripBars, stripTicks). */
function stripSvg(picture: Picture): string[] {
  const strip = picture.strip;
  if (!strip) return [];
  const { geom, pic } = strip;
  const { colors, fontPx } = picture;
  const small = Math.max(8, Math.round(fontPx * 0.85));
  const out = [`<g class="parallelism" role="img" aria-label="Parallelism over time"><title>Parallelism over time: tasks of the run running at once, stacked by ${pic.by}</title>`];
  out.push(`<rect x="${geom.plotLeft}" y="${geom.top}" width="${geom.plotWidth}" height="${geom.height}" fill="${colors.lane}"/>`);
  for (const b of stripBars(pic, geom)) out.push(`<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" fill="${pic.colors[b.group]}"/>`);
  for (const t of stripTicks(pic, geom, small)) out.push(`<text x="${geom.plotLeft - 6}" y="${t.y.toFixed(1)}" text-anchor="end" dominant-baseline="middle" font-size="${small}" fill="${colors.muted}">${t.value}</text>`);
  const y = coreLineY(pic, geom).toFixed(1);
  out.push(`<line x1="${geom.plotLeft}" y1="${y}" x2="${geom.plotLeft + geom.plotWidth}" y2="${y}" stroke="${colors.text}" stroke-dasharray="4 4"/>`);
  out.push(`<text x="10" y="${geom.top + geom.height / 2}" dominant-baseline="middle" font-size="${fontPx}" font-weight="600" fill="${colors.text}">parallelism</text>`);
  out.push('</g>');
  return out;
}

/**
 * The picture as an SVG document: real vector lanes, one <g class="lane"> per
 * lane. `scale` only sets the size it asks to be shown at (2: twice as large). Pure.
 */
export function pictureToSvg(picture: Picture, scale = 1): string {
  const { width, height, colors, fontPx } = picture;
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width * scale}" height="${height * scale}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" data-theme="${picture.theme}">`,
    `<title>${esc(picture.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="${colors.page}"/>`,
  ];
  if (!picture.bare) {
    out.push(`<text class="title" x="10" y="${fontPx * 1.3}" font-size="${Math.round(fontPx * 1.25)}" font-weight="700" fill="${colors.text}">${esc(picture.title)}</text>`);
    out.push(`<text class="subtitle" x="10" y="${fontPx * 2.6}" font-size="${Math.round(fontPx * 0.85)}" fill="${colors.muted}">${esc(picture.subtitle)}</text>`);
  }
  for (const section of picture.sections) for (const part of sectionSvg(picture, section)) out.push(part);
  for (const part of stripSvg(picture)) out.push(part);
  out.push(`<g class="legend" font-size="${fontPx}" fill="${colors.text}">`);
  for (const row of legendRows(picture.legend, width, fontPx)) {
    const y = picture.legendTop + row.y + fontPx;
    if (row.kind === 'title') out.push(`<text x="${row.x}" y="${y}" font-weight="600">${esc(row.text)}</text>`);
    else out.push(`<rect x="${row.x}" y="${y - fontPx * 0.8}" width="${fontPx}" height="${fontPx}" fill="${row.color}"/><text x="${row.x + fontPx * 1.4}" y="${y}">${esc(row.text)}</text>`);
  }
  out.push('</g>');
  if (picture.notes.length) {
    out.push('<defs><marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#f59f00"/></marker></defs>');
    out.push(`<g class="annotations" font-size="${fontPx}">`);
    for (const n of picture.notes) {
      out.push(`<g class="annotation" data-id="${esc(n.id)}"><title>${esc(n.fullText)}</title>`);
      out.push(`<rect x="${n.x0.toFixed(1)}" y="${n.y0}" width="${(n.x1 - n.x0).toFixed(1)}" height="${n.y1 - n.y0}" fill="#f59f00" fill-opacity="0.18" stroke="#f59f00" stroke-width="2"/>`);
      out.push(`<rect x="${n.labelX - 3}" y="${n.labelY - fontPx * 0.75}" width="${textWidth(n.text, fontPx) + 6}" height="${fontPx * 1.4}" rx="3" fill="#f59f00"/>`);
      out.push(`<text x="${n.labelX}" y="${n.labelY}" dominant-baseline="middle" fill="#1b1f24" font-weight="600">${esc(n.text)}</text>`);
      if (n.arrow) out.push(`<line x1="${n.arrow.x0.toFixed(1)}" y1="${n.arrow.y0.toFixed(1)}" x2="${n.arrow.x1.toFixed(1)}" y2="${n.arrow.y1.toFixed(1)}" stroke="#f59f00" stroke-width="2.5" marker-end="url(#arrowhead)"/>`);
      out.push('</g>');
    }
    out.push('</g>');
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

