/**
 * Merges items from several per-CPU rings into one time order. Each ring is in
 * time order, but a record of one CPU read now can be older than one of
 * another CPU read earlier, so nothing is released until every ring has been
 * read past it: the caller releases up to the start of its previous read
 * (perf's own "finished round" rule). Pure.
 */
export class TimeMerger<T extends { tNs: number }> {
  private pending: T[] = [];
  private released = -Infinity;
  /** Items that arrived after items younger than them were released (they come out of order). */
  late = 0;

  push(items: readonly T[]): void {
    for (const item of items) {
      if (item.tNs < this.released) this.late++;
      this.pending.push(item);
    }
  }

  /** Items strictly before uptoNs, oldest first (equal times keep their arrival order). */
  takeBefore(uptoNs: number): T[] {
    if (this.pending.length === 0) return [];
    this.pending.sort((a, b) => a.tNs - b.tNs);
    let n = 0;
    while (n < this.pending.length && this.pending[n]!.tNs < uptoNs) n++;
    const out = this.pending.splice(0, n);
    if (out.length > 0) this.released = Math.max(this.released, out[out.length - 1]!.tNs);
    return out;
  }

  takeAll(): T[] {
    return this.takeBefore(Infinity);
  }

  get size(): number {
    return this.pending.length;
  }
}
