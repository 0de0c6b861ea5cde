/**
 * Merges items from several per-CPU rings into one time order. Each ring is in
 * time order, but a record of one CPU read now can be older than one of
 * another CPU read earlier, so nothing is released until every ring has been
 * read past it: the caller releases up to the start of its previous read
 * (perf's own "finished round" rule). Pure.
 */
export class TimeMerger<T extends { tNs: number }> {
  private pending: T[] = [];

  push(items: readonly T[]): void {
    for (const item of items) this.pending.push(item);
  }

  /** Items strictly before uptoNs, oldest first (equal times keep their arrival order). */
  takeBefore(uptoNs: number): T[] {
    if (this.pending.length === 0) return [];
    this.pending.sort((a, b) => a.tNs - b.tNs);
    let n = 0;
    while (n < this.pending.length && this.pending[n]!.tNs < uptoNs) n++;
    return this.pending.splice(0, n);
  }

  takeAll(): T[] {
    return this.takeBefore(Infinity);
  }

  get size(): number {
    return this.pending.length;
  }
}
