import { deflateRawSync } from 'node:zlib';
import { encodeSegmentFrame, type BridgeEvent, type Disposer, type Segment, type ServerFrame } from '../../shared';
import { defaultRecorderWindow } from '../engine/recording';
import { cutMarker, isReplayed, latestOnlyKey, ReplayWindow, segmentsIn } from '../bridge/replay-window';

/** One frame as every client gets it: encoded once, the same bytes for all. */
export interface SharedFrame {
  readonly bytes: Uint8Array;
  readonly binary: boolean;
}

/** How often live events go out: the page repaints at most 10 times a second, so more frames would be work nobody sees. */
export const LIVE_BATCH_MS = 100;

/** Events that end or frame a run, or must be seen at once: they flush what waits and go out alone. */
const AT_ONCE = new Set<BridgeEvent['type']>(['run-started', 'run-ended', 'revised-segments', 'verdict', 'error', 'menu', 'trace-file']);
/** How a kept frame counts in the replay window (replay-window.ts); null: not replayed. */
type Keep = { segments: number; untilMs: number; key: string | null } | null;
const EVENTS: Keep = { segments: 0, untilMs: 0, key: null };
const LATEST = { segments: 0, untilMs: 0, key: 'progress-and-metrics' };

let encodings = 0;
/** Frames encoded in this process so far (the replay bench counts them: once per frame, never per client). */
export const encodedFrameCount = (): number => encodings;

/**
 * Web mode's one subscription to the engine's events. It gathers them for
 * LIVE_BATCH_MS and sends one text frame of events plus one binary frame of
 * segments (segment-columns.ts, deflated), instead of ~60 frames a second of JSON: each
 * frame is encoded once for every client, a page handles ~10 messages a
 * second, and a viewer gets about a quarter of the bytes. Tasks go before
 * the segments that name them; an event that frames a run flushes first.
 * The frames since the latest run-started are kept, so a late joiner is
 * served the run so far without encoding anything again, within the same
 * bound as the recorder's memory (the hub's rule, replay-window.ts).
 */
export class FrameBatcher {
  private pending: BridgeEvent[] = [];
  private readonly history: ReplayWindow<SharedFrame>;
  private runId: string | null = null;
  private readonly clients = new Set<(frame: SharedFrame) => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly log: (line: string) => void,
    private readonly periodMs = LIVE_BATCH_MS,
    maxReplayedSegments = defaultRecorderWindow().segments,
  ) {
    this.history = new ReplayWindow(maxReplayedSegments);
  }

  /** Takes one event from the engine. */
  take(event: BridgeEvent): void {
    if (!AT_ONCE.has(event.type)) {
      this.pending.push(event);
      this.timer ??= setTimeout(() => this.flush(), this.periodMs);
      return;
    }
    this.flush();
    if (event.type === 'run-started') {
      this.history.reset();
      this.runId = event.run.runId;
    }
    const seg = segmentsIn(event);
    this.send(eventsFrame([event]), isReplayed(event) ? { segments: seg.count, untilMs: seg.untilMs, key: null } : null);
  }

  /** The run so far first, then live frames. */
  subscribe(client: (frame: SharedFrame) => void): Disposer {
    const kept = this.history.items();
    const cut = this.history.cut;
    const notice = cut && this.runId !== null ? eventsFrame([{ type: 'markers', runId: this.runId, markers: [cutMarker(cut)] }]) : null;
    kept.forEach((frame, i) => {
      client(frame);
      if (i === 0 && notice) client(notice); // after run-started: the page places it in that run
    });
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
    if (others.length > 0) this.sendEvents(others);
    const byRun = new Map<string, Segment[]>();
    for (const e of events) {
      if (e.type !== 'segments') continue;
      const list = byRun.get(e.runId);
      if (list) for (const s of e.segments) list.push(s);
      else byRun.set(e.runId, [...e.segments]);
    }
    for (const [runId, segments] of byRun) {
      const { count, untilMs } = segmentsIn({ type: 'segments', runId, segments });
      this.send(segmentFrame(runId, segments), { segments: count, untilMs, key: null });
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
    this.history.reset();
    this.clients.clear();
  }

  /**
   * One frame of a period's events for the clients. A late joiner is kept
   * the run's events, and of progress and metrics only the newest (each holds
   * the run's state so far); never the room (a page asks for it). A period
   * that mixes them is encoded again for the history, split.
   */
  private sendEvents(events: BridgeEvent[]): void {
    const kept = events.filter((e) => isReplayed(e) && latestOnlyKey(e) === null);
    const latest = events.filter((e) => latestOnlyKey(e) !== null);
    const frame = eventsFrame(events);
    const whole = kept.length === events.length ? EVENTS : latest.length === events.length ? LATEST : null;
    this.send(frame, whole);
    if (whole || !frame) return;
    const keptFrame = kept.length > 0 ? eventsFrame(kept) : null;
    const latestFrame = latest.length > 0 ? eventsFrame(latest) : null;
    if (keptFrame) this.history.push(keptFrame, 0, 0, null);
    if (latestFrame) this.history.push(latestFrame, 0, 0, LATEST.key);
  }

  private send(frame: SharedFrame | null, keep: Keep): void {
    if (!frame) return this.log('web: a batch of events could not be encoded and is not sent');
    if (keep) this.history.push(frame, keep.segments, keep.untilMs, keep.key);
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

/** Level 1: most of the gain (the time columns' high bytes repeat) for little CPU, once per frame for every client. */
const deflateColumns = (columns: Uint8Array): Uint8Array => deflateRawSync(columns, { level: 1 });

function segmentFrame(runId: string, segments: Segment[]): SharedFrame | null {
  try {
    encodings++;
    return { bytes: encodeSegmentFrame({ runId, segments }, deflateColumns), binary: true };
  } catch {
    return null;
  }
}
