import type { LaneColumns } from './lane-columns';

/**
 * Level of detail (DESIGN.md section 10): for each CSS-pixel column of the
 * plot, the share of the column's time covered by each category. Frame cost
 * follows the visible segments and the columns, not the segments recorded;
 * shares, not "last colour wins", make a zoomed-out picture honest.
 *
 * `out` is reused between frames (allocating per frame costs ~3 ms): it must
 * hold columns * categories floats; only that prefix is written.
 * `untilMs` (a replay's time) hides everything after it. `categoryOf`, when
 * given, maps a segment's category to the bin it adds to (-1: left out), so
 * many categories can be summed into a few (tasks into processes).
 * Returns how many segments were visited.
 */
export function binLane(
  lane: LaneColumns,
  t0: number,
  msPerColumn: number,
  columns: number,
  categories: number,
  out: Float32Array,
  untilMs = Infinity,
  categoryOf?: Int32Array,
): number {
  out.fill(0, 0, columns * categories);
  // A replay shows the run as it was at `untilMs`: nothing after it, spans cut there.
  const t1 = Math.min(t0 + msPerColumn * columns, untilMs);
  const { start, end, category } = lane;
  const inv = 1 / msPerColumn;
  let i = lane.firstVisible(t0);
  const first = i;
  for (; i < lane.length; i++) {
    const s = start[i] as number;
    if (s >= t1) break;
    const e = Math.min(end[i] as number, untilMs);
    if (e <= t0) continue;
    const k = categoryOf ? (categoryOf[category[i] as number] ?? -1) : (category[i] as number);
    if (k >= categories || k < 0) continue;
    let a = (s - t0) * inv;
    let b = (e - t0) * inv;
    if (a < 0) a = 0;
    if (b > columns) b = columns;
    const ca = a | 0;
    const cb = b | 0;
    if (ca === cb) {
      const j = ca * categories + k;
      out[j] = (out[j] as number) + (b - a);
      continue;
    }
    const ja = ca * categories + k;
    out[ja] = (out[ja] as number) + (ca + 1 - a);
    for (let c = ca + 1; c < cb; c++) out[c * categories + k] = (out[c * categories + k] as number) + 1;
    if (cb < columns) {
      const jb = cb * categories + k;
      out[jb] = (out[jb] as number) + (b - cb);
    }
  }
  return i - first;
}

/** The dominant category of a column (for tests and tooltips of summaries); -1 when empty. */
export function dominantCategory(shares: Float32Array, column: number, categories: number): number {
  let best = -1;
  let bestShare = 0;
  for (let k = 0; k < categories; k++) {
    const s = shares[column * categories + k] as number;
    if (s > bestShare) {
      bestShare = s;
      best = k;
    }
  }
  return best;
}

/**
 * Stacked shares: each column becomes a small bar chart, categories stacked
 * from the lane's bottom in palette order, each as tall as its share; the rest
 * is background. Unlike blending, two states in one column stay two colours
 * (running + waiting do not turn olive), and a 30%-busy column looks 30% full.
 * Writes `columns` columns of `height` pixels into `out`, column-major
 * (out[c * height + r], row 0 = top): each column is written contiguously.
 */
export function stackColumns(
  shares: Float32Array,
  columns: number,
  categories: number,
  palette: Uint32Array,
  background: number,
  height: number,
  out: Uint32Array,
  dim?: Float32Array,
  dimmedPalette?: Uint32Array,
): void {
  for (let c = 0; c < columns; c++) {
    const base = c * categories;
    const col = c * height;
    let total = 0;
    for (let k = 0; k < categories; k++) total += shares[base + k] as number;
    if (total === 0) {
      for (let r = 0; r < height; r++) out[col + r] = background;
      continue;
    }
    const scale = total > 1 ? 1 / total : 1;
    let y = height; // fill upwards from the bottom
    let cum = 0;
    for (let k = 0; k < categories && y > 0; k++) {
      const s = shares[base + k] as number;
      if (s === 0) continue;
      cum += s * scale;
      const top = Math.max(0, height - Math.round(cum * height));
      const color = dim && dimmedPalette && (dim[k] as number) < 1 ? (dimmedPalette[k] as number) : (palette[k] as number);
      for (let r = top; r < y; r++) out[col + r] = color;
      if (top < y) y = top;
    }
    for (let r = 0; r < y; r++) out[col + r] = background;
  }
}

/** A palette faded towards the background (for unselected tasks). */
export function fadePalette(palette: Uint32Array, background: number, strength: number, out?: Uint32Array): Uint32Array {
  const result = out && out.length >= palette.length ? out : new Uint32Array(palette.length);
  const br = background & 255;
  const bg = (background >>> 8) & 255;
  const bb = (background >>> 16) & 255;
  for (let k = 0; k < palette.length; k++) {
    const p = palette[k] as number;
    const r = Math.round((p & 255) * strength + br * (1 - strength));
    const g = Math.round(((p >>> 8) & 255) * strength + bg * (1 - strength));
    const b = Math.round(((p >>> 16) & 255) * strength + bb * (1 - strength));
    result[k] = (0xff000000 | (b << 16) | (g << 8) | r) >>> 0;
  }
  return result;
}
