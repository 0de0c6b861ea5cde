import type { SwitchSegment, SwitchState } from '../../../node/switch-records';

const STATES: readonly SwitchState[] = ['running', 'runnable', 'asleep', 'unknown'];
const FIELDS = 4; // startNs, endNs, state index, cpu (-1: none)

/**
 * Spans of one thread not tracked yet, in time order, packed in a typed
 * array. Most of them are never drawn (Node's own threads: the libuv pool
 * alone is ~30% of the switches of an I/O run), and as objects, kept up to
 * 10 s, they were what the sampler's young-generation GC spent most of its
 * time copying. Objects are made only for a thread that gets tracked. Pure.
 */
export class PendingSpans {
  private data = new Float64Array(16 * FIELDS);
  private head = 0;
  private tail = 0;

  constructor(
    readonly pid: number,
    readonly tid: number,
    private readonly max: number,
  ) {}

  get size(): number {
    return (this.tail - this.head) / FIELDS;
  }

  /** Appends a span; past `max` spans the newest are not kept (the caller's bound). */
  push(seg: SwitchSegment): void {
    if (this.size >= this.max) return;
    if (this.tail + FIELDS > this.data.length) this.makeRoom();
    const d = this.data;
    d[this.tail] = seg.startNs;
    d[this.tail + 1] = seg.endNs;
    d[this.tail + 2] = STATES.indexOf(seg.state);
    d[this.tail + 3] = seg.cpu ?? -1;
    this.tail += FIELDS;
  }

  /** Forgets the spans that ended before keepNs (the oldest ones). */
  dropBefore(keepNs: number): void {
    while (this.head < this.tail && (this.data[this.head + 1] as number) < keepNs) this.head += FIELDS;
  }

  /** The spans as objects, oldest first. */
  toSegments(): SwitchSegment[] {
    const out: SwitchSegment[] = [];
    const d = this.data;
    for (let i = this.head; i < this.tail; i += FIELDS) {
      const cpu = d[i + 3] as number;
      out.push({ pid: this.pid, tid: this.tid, startNs: d[i] as number, endNs: d[i + 1] as number, state: STATES[d[i + 2] as number]!, cpu: cpu < 0 ? null : cpu });
    }
    return out;
  }

  private makeRoom(): void {
    const used = this.tail - this.head;
    // Slide what is kept to the front; grow only when more than half is in use.
    if (used * 2 > this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data.subarray(this.head, this.tail));
      this.data = next;
    } else this.data.copyWithin(0, this.head, this.tail);
    this.head = 0;
    this.tail = used;
  }
}
