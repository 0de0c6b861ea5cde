import type { BridgeEvent, EncodedEvent, ServerFrame } from '../../shared';

let encodings = 0;

/** How many events were encoded as frames in this process so far (the replay bench counts them). */
export const encodedFrameCount = (): number => encodings;

/**
 * One event as the hub holds it. Its web-mode frame is encoded on first use
 * and kept, so a live event costs one JSON.stringify however many browsers
 * watch, and a late joiner's replay costs none. An event that cannot be
 * encoded (it never should: events are validated data) is logged once and
 * skipped, never thrown into a listener.
 */
export class HubEntry implements EncodedEvent {
  private bytes: Buffer | null | undefined;

  constructor(
    readonly event: BridgeEvent,
    private readonly log: (line: string) => void,
  ) {}

  frame(): Buffer | null {
    if (this.bytes !== undefined) return this.bytes;
    try {
      encodings++;
      const frame: ServerFrame = { kind: 'event', event: this.event };
      this.bytes = Buffer.from(JSON.stringify(frame), 'utf8');
    } catch (error) {
      this.log(`bridge: a ${this.event.type} event could not be encoded and is not sent: ${String(error).slice(0, 200)}`);
      this.bytes = null;
    }
    return this.bytes;
  }
}
