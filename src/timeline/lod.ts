import type { LaneColumns } from './lane-columns';
import type { SummaryLevel } from './lane-summary';

/**
 * Level of detail (DESIGN.md section 10): for each CSS-pixel column of the
 * plot, the share of the column's time covered by each category. Shares, not
 * "last colour wins", make a zoomed-out picture honest.
 *
 * Zoomed out, the lane's summary (LaneSummary) answers instead of its
 * segments, at the coarsest level whose buckets are at most
 * SUMMARY_MAX_COLUMN_SHARE of a column: a frame's cost then follows the
 * columns drawn, not the segments recorded. A bucket straddling a column edge
 * is split in proportion to its overlap (its time taken as spread evenly).
 * Error bound: a bucket of width w overlapping a column by `ov` ms puts
 * x * ov / w of a category's x ms there, where the truth lies between
 * max(0, x - (w - ov)) and min(x, ov): off by at most ov * (w - ov) / w <= w / 4
 * ms when that category's segments do not overlap one another (at most x when
 * they do). A column has two edges, so a share is off by at most
 * w / (2 * msPerColumn) <= 1/8 (1/4 with self-overlapping segments), and not at
 * all when t0 and msPerColumn are multiples of w (no bucket straddles an edge).
 * Raw segments still answer what a summary cannot say exactly: time before 0,
 * the bucket holding `untilMs` and the one holding the lane's last end (so a
 * replay's cut and the live edge are sharp), and segments a level keeps whole.
 *
 * `out` is reused between frames (allocating per frame costs ~3 ms): it must
 * hold columns * categories floats; only that prefix is written.
 * `untilMs` (a replay's time) hides everything after it. `categoryOf`, when
 * given, maps a segment's category to the bin it adds to (-1: left out), so
 * many categories can be summed into a few (tasks into processes).
 * Returns how many segments and summary entries were visited.
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
  const level = lane.summary?.use(msPerColumn * SUMMARY_MAX_COLUMN_SHARE) ?? null;
  return binLaneAt(level, lane, t0, msPerColumn, columns, categories, out, untilMs, categoryOf);
}

/** A summary's bucket is at most this share of a column wide (the error bound above follows from it). */
export const SUMMARY_MAX_COLUMN_SHARE = 1 / 4;

/** binLane at a given summary level (null: from the raw segments); exported for tests. */
export function binLaneAt(level: SummaryLevel | null, ...args: Parameters<typeof binLane>): number {
  const [lane, t0, msPerColumn, columns, categories, out, untilMs = Infinity, categoryOf] = args;
  out.fill(0, 0, columns * categories);
  // A replay shows the run as it was at `untilMs`: nothing after it, spans cut there.
  const t1 = Math.min(t0 + msPerColumn * columns, untilMs);
  const bins: Bins = { t0, inv: 1 / msPerColumn, columns, categories, out, categoryOf };
  if (!level) return binRaw(lane, bins, t0, t1);
  const from = Math.max(t0, 0);
  const to = Math.max(from, Math.min(t1, level.floor(Math.min(untilMs, lane.maxEnd))));
  let visited = 0;
  if (t0 < from) visited += binRaw(lane, bins, t0, Math.min(from, t1));
  if (to > from) visited += binSummary(level, bins, from, to);
  if (t1 > to) visited += binRaw(lane, bins, Math.max(t0, to), t1);
  return visited;
}

interface Bins {
  t0: number;
  inv: number;
  columns: number;
  categories: number;
  out: Float32Array;
  categoryOf: Int32Array | undefined;
}

/** Adds the lane's segments, clipped to [from, to), to the columns. */
function binRaw(lane: LaneColumns, bins: Bins, from: number, to: number): number {
  const { t0, inv, columns, categories, out, categoryOf } = bins;
  const { start, end, category } = lane;
  let i = lane.firstVisible(from);
  const first = i;
  for (; i < lane.length; i++) {
    const s = start[i] as number;
    if (s >= to) break;
    const e = Math.min(end[i] as number, to);
    if (e <= from) continue;
    const k = categoryOf ? (categoryOf[category[i] as number] ?? -1) : (category[i] as number);
    if (k >= categories || k < 0) continue;
    let a = ((s > from ? s : from) - t0) * inv;
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

/** Adds a summary level's buckets over [from, to), each split over the columns it overlaps in proportion, plus the level's whole-kept segments. */
function binSummary(level: SummaryLevel, bins: Bins, from: number, to: number): number {
  const { t0, inv, columns, categories, out, categoryOf } = bins;
  const { head, cat, ms, next, width } = level;
  const perMs = 1 / width;
  const last = Math.min(level.buckets, Math.ceil(to / width)) - 1;
  let visited = 0;
  for (let bucket = Math.floor(from / width); bucket <= last; bucket++) {
    let e = head[bucket] as number;
    if (e < 0) continue;
    const x0 = bucket * width;
    let a = ((x0 > from ? x0 : from) - t0) * inv;
    let b = (Math.min(x0 + width, to) - t0) * inv;
    if (a < 0) a = 0;
    if (b > columns) b = columns;
    if (b <= a) continue;
    const ca = a | 0;
    const cb = b | 0;
    // Column widths (in columns) this bucket's time lands in: one column, or a split at an edge (buckets are narrower than a column).
    const wa = ca === cb ? b - a : ca + 1 - a;
    const wb = ca === cb || cb >= columns ? 0 : b - cb;
    for (; e >= 0; e = next[e] as number) {
      visited++;
      const k = categoryOf ? (categoryOf[cat[e] as number] ?? -1) : (cat[e] as number);
      if (k >= categories || k < 0) continue;
      const density = (ms[e] as number) * perMs;
      const ja = ca * categories + k;
      out[ja] = (out[ja] as number) + density * wa;
      for (let c = ca + 1; c < cb; c++) out[c * categories + k] = (out[c * categories + k] as number) + density;
      if (wb > 0) {
        const jb = cb * categories + k;
        out[jb] = (out[jb] as number) + density * wb;
      }
    }
  }
  return visited + binRaw(level.long, bins, from, to);
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
