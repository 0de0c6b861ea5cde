import type { LaneColumns } from './lane-columns';

/** The finest summary's bucket width (ms); each coarser level is SUMMARY_FACTOR times wider. */
export const SUMMARY_BASE_MS = 4;
/** 4x (not 8x or 16x): a column then holds 4 to 16 buckets, not up to 32 or 64 (bench/lod.bench.ts). */
export const SUMMARY_FACTOR = 4;
/** 4 ms ... 16.4 s: the coarsest fits a 1280-column view of about 23 hours. */
export const SUMMARY_LEVELS = 7;
/**
 * A level is built only for a lane with at least this many segments per bucket
 * of it (over the lane's time): sparser, its buckets would cost more to hold
 * and to bin than the segments themselves (DESIGN.md section 10: below ~1 ms
 * per pixel, bin the raw segments).
 */
export const MIN_SEGMENTS_PER_BUCKET = 4;
/**
 * A segment that would cover more than this many buckets of a level is kept
 * whole in that level's `long` list (and binned exactly, as a raw segment)
 * instead of being spread over its buckets: a push touches at most
 * LONG_BUCKETS + 1 buckets per level however long the segment, and a bogus
 * hour-long span costs one entry, not a million.
 */
export const LONG_BUCKETS = 16;

/**
 * One resolution of a lane's summary: fixed buckets of `width` ms from time 0,
 * each holding, per category present in it, the ms of that category's
 * segments inside the bucket. Buckets are sparse lists (an entry pool linked
 * per bucket), since a core lane has one category per task but a bucket
 * rarely holds more than a few.
 */
export class SummaryLevel {
  /** Built (and kept in step with the lane's pushes) since a view first needed it. */
  active = false;
  /** Per bucket, its first entry (-1: empty). */
  head = new Int32Array(0);
  /** Buckets in use: every bucket from `buckets` on is empty. */
  buckets = 0;
  cat = new Uint16Array(64);
  ms = new Float32Array(64);
  next = new Int32Array(64);
  entries = 0;

  constructor(
    readonly width: number,
    /** Segments longer than LONG_BUCKETS buckets, kept whole. */
    readonly long: LaneColumns,
  ) {}

  /** Start of the bucket holding t. */
  floor(t: number): number {
    return Math.floor(t / this.width) * this.width;
  }

  /** Adds [start, end) of category k (start >= 0, end > start). */
  add(start: number, end: number, k: number): void {
    const w = this.width;
    const b0 = Math.floor(start / w);
    let b1 = Math.floor(end / w);
    if (b1 * w >= end) b1--;
    if (b1 - b0 >= LONG_BUCKETS) {
      this.long.push(start, end, k, -1);
      return;
    }
    if (b1 >= this.head.length) this.growHead(b1 + 1);
    if (b1 >= this.buckets) this.buckets = b1 + 1;
    for (let b = b0; b <= b1; b++) {
      const overlap = Math.min(end, (b + 1) * w) - Math.max(start, b * w);
      if (overlap > 0) this.addTo(b, k, overlap);
    }
  }

  clear(): void {
    this.head.fill(-1, 0, this.buckets);
    this.buckets = 0;
    this.entries = 0;
    this.long.clear();
  }

  /** Bytes held (typed arrays' capacity, the long list's columns included). */
  bytes(): number {
    const l = this.long;
    return this.head.byteLength + this.cat.byteLength + this.ms.byteLength + this.next.byteLength + l.start.byteLength + l.end.byteLength + l.category.byteLength + l.segment.byteLength;
  }

  private addTo(b: number, k: number, ms: number): void {
    for (let e = this.head[b] as number; e >= 0; e = this.next[e] as number) {
      if (this.cat[e] === k) {
        this.ms[e] = (this.ms[e] as number) + ms;
        return;
      }
    }
    if (this.entries === this.cat.length) this.growEntries();
    const e = this.entries++;
    this.cat[e] = k;
    this.ms[e] = ms;
    this.next[e] = this.head[b] as number;
    this.head[b] = e;
  }

  private growHead(need: number): void {
    const head = new Int32Array(Math.max(need, this.head.length + Math.max(256, this.head.length >> 1))).fill(-1);
    head.set(this.head);
    this.head = head;
  }

  private growEntries(): void {
    const capacity = this.cat.length + Math.max(256, this.cat.length >> 1);
    const cat = new Uint16Array(capacity);
    const ms = new Float32Array(capacity);
    const next = new Int32Array(capacity);
    cat.set(this.cat);
    ms.set(this.ms);
    next.set(this.next);
    this.cat = cat;
    this.ms = ms;
    this.next = next;
  }
}

/**
 * A lane's level-of-detail summary (DESIGN.md section 10): per-category time in
 * fixed buckets at SUMMARY_LEVELS widths. A level is built from the lane's
 * segments the first time a view needs it (one pass, the cost of one raw
 * frame) and from then on kept in step as segments are pushed
 * (LaneColumns.push); clearing the lane (a revision, a rebuild) drops every
 * level, to be built again from the new segments when next needed. Memory
 * goes only to the levels views use on lanes dense enough to gain from them.
 * Holds time from 0 on (the run's start); binLane bins anything before 0
 * from the raw segments.
 */
export class LaneSummary {
  readonly levels: SummaryLevel[] = [];
  /** Built levels: the live path (add) looks at nothing else. */
  private built: SummaryLevel[] = [];

  /** `makeList` makes a lane without a summary of its own, for each level's long segments. */
  constructor(
    private readonly lane: LaneColumns,
    makeList: () => LaneColumns,
  ) {
    for (let i = 0, w = SUMMARY_BASE_MS; i < SUMMARY_LEVELS; i++, w *= SUMMARY_FACTOR) this.levels.push(new SummaryLevel(w, makeList()));
  }

  add(start: number, end: number, k: number): void {
    const s = start > 0 ? start : 0;
    if (!(end > s)) return;
    const built = this.built;
    for (let i = 0; i < built.length; i++) (built[i] as SummaryLevel).add(s, end, k);
  }

  clear(): void {
    for (const level of this.levels) {
      level.clear();
      level.active = false;
    }
    this.built = [];
  }

  /** The coarsest level whose buckets are at most `maxWidthMs` wide (null: even the finest is wider). */
  levelFor(maxWidthMs: number): SummaryLevel | null {
    let best: SummaryLevel | null = null;
    for (const level of this.levels) if (level.width <= maxWidthMs) best = level;
    return best;
  }

  /** The level to bin from for buckets at most `maxWidthMs` wide, built if need be; null when the raw segments are the cheaper answer. */
  use(maxWidthMs: number): SummaryLevel | null {
    const level = this.levelFor(maxWidthMs);
    if (!level) return null;
    if (!level.active && this.lane.length < MIN_SEGMENTS_PER_BUCKET * Math.max(1, this.lane.maxEnd / level.width)) return null;
    this.build(level);
    return level;
  }

  /** Builds a level from the lane's segments (once; then pushes keep it). */
  build(level: SummaryLevel): void {
    if (level.active) return;
    const { start, end, category, length } = this.lane;
    level.active = true;
    this.built.push(level);
    for (let i = 0; i < length; i++) {
      const s = Math.max(0, start[i] as number);
      const e = end[i] as number;
      if (e > s) level.add(s, e, category[i] as number);
    }
  }

  /** Bytes held by the built levels. */
  bytes(): number {
    return this.levels.reduce((sum, level) => sum + (level.active ? level.bytes() : 0), 0);
  }
}
