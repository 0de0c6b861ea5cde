import { WebSocket } from 'ws';
import type { SharedFrame } from './frame-batcher';

/** Bytes handed to the socket before waiting for it to drain: enough to keep a fast link full. */
const HIGH_WATER_BYTES = 4 * 1024 * 1024;
/** How far behind the live events a client may fall (after its replay) before it is dropped. */
export const MAX_LAG_BYTES = 64 * 1024 * 1024;

export interface OutboxHandlers {
  tooFarBehind(lagBytes: number): void;
  sendFailed(error: Error): void;
}

/**
 * One client's queue of frames. It holds the batcher's frames, not copies:
 * each is encoded once (FrameBatcher) and the same bytes go to every client. A late joiner's replay (the run so far, maybe hundreds of MiB) is
 * sent as fast as the client reads, never buffered whole in the socket, and
 * live events queue behind it. A client that falls more than MAX_LAG_BYTES
 * behind the live events is dropped rather than buffered without bound.
 */
export class EventOutbox {
  private queue: SharedFrame[] = [];
  private head = 0;
  private queuedBytes = 0;
  /** Bytes of the replay still queued: they do not count as lag. */
  private replayBytes = 0;
  private replaying = true;
  private waiting = false;
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly handlers: OutboxHandlers,
  ) {}

  push(entry: SharedFrame): void {
    if (this.closed) return;
    const bytes = entry.bytes.length;
    this.queue.push(entry);
    this.queuedBytes += bytes;
    if (this.replaying) this.replayBytes += bytes;
    else if (this.queuedBytes - this.replayBytes > MAX_LAG_BYTES) {
      this.closed = true;
      this.handlers.tooFarBehind(this.queuedBytes - this.replayBytes);
      this.clear();
      return;
    }
    if (!this.replaying) this.pump();
  }

  /** The hub has handed over the run so far; from now on events are live. */
  replayDone(): void {
    this.replaying = false;
    this.pump();
  }

  clear(): void {
    this.closed = true;
    this.queue = [];
    this.head = 0;
  }

  private take(): SharedFrame {
    const entry = this.queue[this.head++]!;
    const size = entry.bytes.length;
    this.queuedBytes -= size;
    this.replayBytes = Math.max(0, this.replayBytes - size);
    return entry;
  }

  private pump(): void {
    if (this.waiting || this.closed) return;
    while (this.head < this.queue.length) {
      if (this.socket.readyState !== WebSocket.OPEN) return this.clear();
      const { bytes, binary } = this.take();
      // Past the high-water mark, this frame's callback (it and all before it were written) resumes the pump.
      const full = this.socket.bufferedAmount + bytes.length >= HIGH_WATER_BYTES;
      this.waiting = full;
      this.send(bytes, binary, full);
      if (full) return;
    }
    this.queue = [];
    this.head = 0;
  }

  private send(bytes: Uint8Array, binary: boolean, resume: boolean): void {
    try {
      this.socket.send(bytes, { binary }, (error) => {
        if (error) this.handlers.sendFailed(error);
        if (!resume) return;
        this.waiting = false;
        this.pump();
      });
    } catch (error) {
      this.waiting = false;
      this.handlers.sendFailed(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
