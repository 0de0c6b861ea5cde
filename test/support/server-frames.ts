import { decodeSegmentFrame, ServerFrameSchema, type ServerFrame } from '../../src/shared';
import { inflateColumns } from '../../src/renderer/bridge/inflate-columns';

/**
 * One WebSocket message from web mode as the frames a test looks at: a batch
 * of events ('events') becomes one 'event' frame each, and a binary segment
 * frame becomes its 'segments' event, read as the page reads it. Checked
 * against the wire schema; a bad frame throws (the test fails).
 */
export function serverFrames(data: unknown, isBinary: boolean): ServerFrame[] {
  const bytes = Array.isArray(data) ? Buffer.concat(data as Buffer[]) : Buffer.from(data as Buffer);
  if (isBinary) {
    const batch = decodeSegmentFrame(new Uint8Array(bytes), inflateColumns);
    if (!batch.ok) throw new Error(batch.error);
    return [{ kind: 'event', event: { type: 'segments', ...batch.value } }];
  }
  const frame = ServerFrameSchema.parse(JSON.parse(bytes.toString('utf8')));
  return frame.kind === 'events' ? frame.events.map((event) => ({ kind: 'event', event })) : [frame];
}
