/** At most `max` actions per `windowMs` for one key (a connection): a participant cannot flood the room. */
export class RateLimit {
  private readonly recent = new Map<number, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one action for `key` and says whether it is allowed (a refused one is not counted). */
  take(key: number): boolean {
    const t = this.now();
    const kept = (this.recent.get(key) ?? []).filter((at) => t - at < this.windowMs);
    if (kept.length >= this.max) {
      this.recent.set(key, kept);
      return false;
    }
    kept.push(t);
    this.recent.set(key, kept);
    return true;
  }

  forget(key: number): void {
    this.recent.delete(key);
  }
}
