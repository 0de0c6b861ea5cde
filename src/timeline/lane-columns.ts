/**
 * One lane's segments as parallel typed arrays, kept sorted by start so the
 * visible window is found by binary search. Grows by half its size at a time:
 * appends are amortised O(1) and no single growth copies the whole model.
 */
export class LaneColumns {
  start = new Float64Array(256);
  end = new Float64Array(256);
  /** What colours the segment in this lane (a state index, or a task index). */
  category = new Uint16Array(256);
  /** Index into the model's global segment store (for hit testing and tooltips). */
  segment = new Int32Array(256);
  length = 0;
  /** Longest segment so far: bounds how far before t0 a visible segment can start. */
  maxDuration = 0;

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
    this.length++;
    const d = end - start;
    if (d > this.maxDuration) this.maxDuration = d;
  }

  /** First index whose segment may overlap [t0, ...). */
  firstVisible(t0: number): number {
    const from = t0 - this.maxDuration;
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.start[mid] as number) < from) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  clear(): void {
    this.length = 0;
    this.maxDuration = 0;
  }

  private grow(): void {
    const capacity = this.start.length + Math.max(256, this.start.length >> 1);
    const start = new Float64Array(capacity);
    const end = new Float64Array(capacity);
    const category = new Uint16Array(capacity);
    const segment = new Int32Array(capacity);
    start.set(this.start);
    end.set(this.end);
    category.set(this.category);
    segment.set(this.segment);
    this.start = start;
    this.end = end;
    this.category = category;
    this.segment = segment;
  }
}
