import type { BridgeEvent, Marker } from '../../shared';

/**
 * Moments (an error, a menu action) and state that outlives runs (the room,
 * the exercise list: a page asks for those) are never replayed to a late
 * joiner. One rule for the event hub and web mode's frame batcher.
 */
const NOT_REPLAYED: ReadonlySet<BridgeEvent['type']> = new Set(['error', 'menu', 'room', 'exercises-changed']);
export const isReplayed = (event: BridgeEvent): boolean => !NOT_REPLAYED.has(event.type);

/** Events of which only the newest says anything (each holds the run's state so far): a late joiner gets only that one. */
export const latestOnlyKey = (event: BridgeEvent): string | null => (event.type === 'progress' || event.type === 'metrics' ? event.type : null);

/** What a replayed item adds to a late joiner's picture: its segments and the time they reach. */
export function segmentsIn(event: BridgeEvent): { count: number; untilMs: number } {
  if (event.type !== 'segments' && event.type !== 'revised-segments') return { count: 0, untilMs: 0 };
  let untilMs = 0;
  for (const s of event.segments) if (s.endMs > untilMs) untilMs = s.endMs;
  return { count: event.segments.length, untilMs };
}

interface Slot<T> {
  item: T;
  segments: number;
  untilMs: number;
  key: string | null;
}

/**
 * What a late joiner is replayed of the current run, bounded like the
 * recorder's memory window: past `maxSegments` the oldest segment-carrying
 * items go (tasks, markers and the like stay), and `cut` says how much of the
 * run's start a late joiner will not see, so it can say so rather than draw
 * an empty start as if nothing ran. The saved trace has all of it (the
 * recorder spills to disk). An item with a key replaces the previous one with
 * that key. Pure.
 */
export class ReplayWindow<T> {
  private slots: (Slot<T> | null)[] = [];
  private readonly latest = new Map<string, number>();
  private segments = 0;
  /** Index of the oldest slot that may hold segments. */
  private oldest = 0;
  private holes = 0;
  private droppedSegments = 0;
  private droppedUntilMs = 0;

  constructor(private readonly maxSegments: number) {}

  reset(): void {
    this.slots = [];
    this.latest.clear();
    this.segments = 0;
    this.oldest = 0;
    this.holes = 0;
    this.droppedSegments = 0;
    this.droppedUntilMs = 0;
  }

  push(item: T, segments = 0, untilMs = 0, key: string | null = null): void {
    if (key !== null) {
      const previous = this.latest.get(key);
      if (previous !== undefined) this.free(previous);
      this.latest.set(key, this.slots.length);
    }
    this.slots.push({ item, segments, untilMs, key });
    this.segments += segments;
    while (this.segments > this.maxSegments && this.oldest < this.slots.length) {
      const slot = this.slots[this.oldest];
      if (slot && slot.segments > 0) {
        this.droppedSegments += slot.segments;
        this.droppedUntilMs = Math.max(this.droppedUntilMs, slot.untilMs);
        this.free(this.oldest);
      }
      this.oldest++;
    }
    if (this.holes > 1024 && this.holes * 2 > this.slots.length) this.compact();
  }

  /** The kept items, oldest first. */
  items(): T[] {
    const out: T[] = [];
    for (const slot of this.slots) if (slot) out.push(slot.item);
    return out;
  }

  /** How much of the run's start was left out, or null when nothing was. */
  get cut(): { segments: number; untilMs: number } | null {
    return this.droppedSegments > 0 ? { segments: this.droppedSegments, untilMs: this.droppedUntilMs } : null;
  }

  private free(index: number): void {
    const slot = this.slots[index];
    if (!slot) return;
    this.segments -= slot.segments;
    this.slots[index] = null;
    this.holes++;
  }

  private compact(): void {
    const kept: (Slot<T> | null)[] = [];
    this.latest.clear();
    let oldest = -1;
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i];
      if (!slot) continue;
      if (oldest < 0 && i >= this.oldest) oldest = kept.length;
      if (slot.key !== null) this.latest.set(slot.key, kept.length);
      kept.push(slot);
    }
    this.slots = kept;
    this.oldest = oldest < 0 ? kept.length : oldest;
    this.holes = 0;
  }
}

/** The marker a late joiner gets where its replay starts, when the window left the run's start out. */
export function cutMarker(cut: { segments: number; untilMs: number }): Marker {
  const seconds = (cut.untilMs / 1000).toFixed(1);
  return {
    tMs: cut.untilMs,
    kind: 'error',
    taskId: null,
    text: `joined late: the run's first ${seconds} s (${cut.segments.toLocaleString('en-US')} segments) are not replayed here, only what the app keeps in memory; save the trace when the run ends for all of it`,
  };
}
