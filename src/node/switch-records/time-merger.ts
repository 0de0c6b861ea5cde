/**
 * Merges items from several per-CPU rings into one time order. Each ring is in
 * time order, but a record of one CPU read now can be older than one of
 * another CPU read earlier, so nothing is released until every ring has been
 * read past it: the caller releases up to the start of its previous read
 * (perf's own "finished round" rule). Pure.
 *
 * Each push is kept as a run and takeBefore() merges the runs' heads: a few
 * runs (about two per CPU), so a linear pick per item costs less than sorting
 * everything held with a comparator at every drain.
 */
export class TimeMerger<T extends { tNs: number }> {
  private runs: { items: readonly T[]; at: number }[] = [];
  private released = -Infinity;
  /** Items that arrived after items younger than them were released (they come out of order). */
  late = 0;

  /** The items are kept, not copied: the caller hands them over. */
  push(items: readonly T[]): void {
    if (items.length === 0) return;
    let ordered = true;
    for (let i = 0; i < items.length; i++) {
      const t = items[i]!.tNs;
      if (t < this.released) this.late++;
      if (i > 0 && t < items[i - 1]!.tNs) ordered = false;
    }
    // A ring is in time order; anything else is put in order here (stable: equal times keep arrival order).
    this.runs.push({ items: ordered ? items : [...items].sort((a, b) => a.tNs - b.tNs), at: 0 });
  }

  /** Items strictly before uptoNs, oldest first (equal times keep their arrival order). */
  takeBefore(uptoNs: number): T[] {
    const out: T[] = [];
    const runs = this.runs;
    for (;;) {
      let best = -1;
      let bestNs = uptoNs;
      // Strictly less: on equal times the earlier run, i.e. the earlier arrival, goes first.
      for (let r = 0; r < runs.length; r++) {
        const run = runs[r]!;
        if (run.at < run.items.length && run.items[run.at]!.tNs < bestNs) {
          best = r;
          bestNs = run.items[run.at]!.tNs;
        }
      }
      if (best < 0) break;
      const run = runs[best]!;
      out.push(run.items[run.at++]!);
    }
    this.runs = runs.filter((run) => run.at < run.items.length);
    if (out.length > 0) this.released = Math.max(this.released, out[out.length - 1]!.tNs);
    return out;
  }

  takeAll(): T[] {
    return this.takeBefore(Infinity);
  }

  get size(): number {
    return this.runs.reduce((n, run) => n + run.items.length - run.at, 0);
  }
}
