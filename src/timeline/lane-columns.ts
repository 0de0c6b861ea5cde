import { LaneSummary } from './lane-summary';

/** Entries per block of the prefix-max-end index (firstVisible). */
const BLOCK_SHIFT = 6;

/**
 * One lane's segments as parallel typed arrays, kept sorted by start so the
 * visible window is found by binary search. Grows by half its size at a time:
 * appends are amortised O(1) and no single growth copies the whole model.
 * Every change goes through push and clear, which keep the lane's
 * level-of-detail summary (LaneSummary) in step: a revised or rebuilt lane
 * (cleared, then pushed again) has a summary of exactly its segments.
 */
export class LaneColumns {
  start = new Float64Array(256);
  end = new Float64Array(256);
  /** What colours the segment in this lane (a state index, or a task index). */
  category = new Uint16Array(256);
  /** Index into the model's global segment store (for hit testing and tooltips). */
  segment = new Int32Array(256);
  length = 0;
  /**
   * Per block of 64 entries, the latest end among all entries up to the block's
   * end (an upper bound after out-of-order inserts, never below the truth):
   * monotone, so firstVisible finds the first segment that reaches t0 by binary
   * search, however long some earlier segment was.
   */
  private blockMaxEnd = new Float64Array(256 >> BLOCK_SHIFT);
  /** Per-category time in fixed buckets at a few widths (null for a summary's own helper lists). */
  readonly summary: LaneSummary | null;

  constructor(summarise = true) {
    this.summary = summarise ? new LaneSummary(this, () => new LaneColumns(false)) : null;
  }

  push(start: number, end: number, category: number, segment: number): void {
    if (this.length === this.start.length) this.grow();
    let i = this.length;
    // Segments of one task arrive in order; a core lane gets batches of several
    // tasks slightly out of order: insert from the end (usually 0-2 moves).
    while (i > 0 && (this.start[i - 1] as number) > start) {
      this.start[i] = this.start[i - 1] as number;
      this.end[i] = this.end[i - 1] as number;
      this.category[i] = this.category[i - 1] as number;
      this.segment[i] = this.segment[i - 1] as number;
      i--;
    }
    this.start[i] = start;
    this.end[i] = end;
    this.category[i] = category;
    this.segment[i] = segment;
    const last = this.length >> BLOCK_SHIFT;
    if ((this.length & ((1 << BLOCK_SHIFT) - 1)) === 0) this.blockMaxEnd[last] = last > 0 ? (this.blockMaxEnd[last - 1] as number) : -Infinity;
    for (let b = i >> BLOCK_SHIFT; b <= last; b++) if ((this.blockMaxEnd[b] as number) < end) this.blockMaxEnd[b] = end;
    this.length++;
    if (this.summary !== null) this.summary.add(start, end, category);
  }

  /** First index whose segment may overlap [t0, ...): every segment before it ends before t0. */
  firstVisible(t0: number): number {
    const blocks = this.length === 0 ? 0 : ((this.length - 1) >> BLOCK_SHIFT) + 1;
    let lo = 0;
    let hi = blocks;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.blockMaxEnd[mid] as number) < t0) lo = mid + 1;
      else hi = mid;
    }
    let i = lo << BLOCK_SHIFT;
    while (i < this.length && (this.end[i] as number) < t0) i++;
    return i;
  }

  /** The latest end of any segment (-Infinity when empty). */
  get maxEnd(): number {
    return this.length === 0 ? -Infinity : (this.blockMaxEnd[(this.length - 1) >> BLOCK_SHIFT] as number);
  }

  clear(): void {
    this.length = 0;
    this.summary?.clear();
  }

  private grow(): void {
    const capacity = this.start.length + Math.max(256, this.start.length >> 1);
    const start = new Float64Array(capacity);
    const end = new Float64Array(capacity);
    const category = new Uint16Array(capacity);
    const segment = new Int32Array(capacity);
    const blockMaxEnd = new Float64Array((capacity >> BLOCK_SHIFT) + 1);
    start.set(this.start);
    end.set(this.end);
    category.set(this.category);
    segment.set(this.segment);
    blockMaxEnd.set(this.blockMaxEnd);
    this.start = start;
    this.end = end;
    this.category = category;
    this.segment = segment;
    this.blockMaxEnd = blockMaxEnd;
  }
}
