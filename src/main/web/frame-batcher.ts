import { encodeSegmentFrame, type BridgeEvent, type Disposer, type Segment, type ServerFrame } from '../../shared';

/** One frame as every client gets it: encoded once, the same bytes for all. */
export interface SharedFrame {
  readonly bytes: Uint8Array;
  readonly binary: boolean;
}

/** How often live events go out: the page repaints at most 10 times a second, so more frames would be work nobody sees. */
export const LIVE_BATCH_MS = 100;

/** Events that end or frame a run, or must be seen at once: they flush what waits and go out alone. */
const AT_ONCE = new Set<BridgeEvent['type']>(['run-started', 'run-ended', 'revised-segments', 'verdict', 'error', 'menu', 'trace-file']);
/** Moments, not run state: not replayed to a late joiner (as the hub). */
const NOT_KEPT = new Set<BridgeEvent['type']>(['error', 'menu']);

let encodings = 0;
/** Frames encoded in this process so far (the replay bench counts them: once per frame, never per client). */
export const encodedFrameCount = (): number => encodings;

/**
 * Web mode's one subscription to the engine's events. It gathers them for
 * LIVE_BATCH_MS and sends one text frame of events plus one binary frame of
 * segments (segment-columns.ts), instead of ~60 frames a second of JSON: each
 * frame is encoded once for every client, a page handles ~10 messages a
 * second, and a viewer gets about a quarter of the bytes. Tasks go before
 * the segments that name them; an event that frames a run flushes first.
 * The frames since the latest run-started are kept, so a late joiner is
 * served the run so far without encoding anything again.
 */
export class FrameBatcher {
  private pending: BridgeEvent[] = [];
  private history: SharedFrame[] = [];
  private readonly clients = new Set<(frame: SharedFrame) => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly log: (line: string) => void,
    private readonly periodMs = LIVE_BATCH_MS,
  ) {}

  /** Takes one event from the engine. */
  take(event: BridgeEvent): void {
    if (!AT_ONCE.has(event.type)) {
      this.pending.push(event);
      this.timer ??= setTimeout(() => this.flush(), this.periodMs);
      return;
    }
    this.flush();
    if (event.type === 'run-started') this.history = [];
    this.send(eventsFrame([event]), !NOT_KEPT.has(event.type));
  }

  /** The run so far first, then live frames. */
  subscribe(client: (frame: SharedFrame) => void): Disposer {
    for (const frame of this.history) client(frame);
    this.clients.add(client);
    return () => this.clients.delete(client);
  }

  /** Sends what waits now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    const others = events.filter((e) => e.type !== 'segments');
    if (others.length > 0) this.send(eventsFrame(others), true);
    const byRun = new Map<string, Segment[]>();
    for (const e of events) {
      if (e.type !== 'segments') continue;
      const list = byRun.get(e.runId);
      if (list) for (const s of e.segments) list.push(s);
      else byRun.set(e.runId, [...e.segments]);
    }
    for (const [runId, segments] of byRun) this.send(segmentFrame(runId, segments), true);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
    this.history = [];
    this.clients.clear();
  }

  private send(frame: SharedFrame | null, keep: boolean): void {
    if (!frame) return this.log('web: a batch of events could not be encoded and is not sent');
    if (keep) this.history.push(frame);
    for (const client of [...this.clients]) {
      try {
        client(frame);
      } catch (error) {
        this.log(`web: a client's frame handler threw: ${String(error).slice(0, 200)}`);
      }
    }
  }
}

function eventsFrame(events: BridgeEvent[]): SharedFrame | null {
  try {
    encodings++;
    const frame: ServerFrame = { kind: 'events', events };
    return { bytes: Buffer.from(JSON.stringify(frame), 'utf8'), binary: false };
  } catch {
    return null;
  }
}

function segmentFrame(runId: string, segments: Segment[]): SharedFrame | null {
  try {
    encodings++;
    return { bytes: encodeSegmentFrame({ runId, segments }), binary: true };
  } catch {
    return null;
  }
}
