import { ClientFrameSchema, MAX_CLIENT_FRAME_BYTES, type BridgeEvent, type ClientFrame, type Role, type ServerFrame } from '../../shared';
import { describeZodError } from '../bridge/messages';

export type DecodedClientFrame = { ok: true; frame: ClientFrame } | { ok: false; id: number | null; error: string };

/**
 * Parses one WebSocket message from a browser. Never throws: a bad frame
 * yields the reason, and its id when one can be read, so the caller can fail
 * just that request instead of leaving it pending.
 */
export function decodeClientFrame(data: unknown, isBinary: boolean): DecodedClientFrame {
  try {
    return decode(data, isBinary);
  } catch (error) {
    // Nothing a client sends may throw out of the socket's listener (a frame near V8's string limit, a parser bug).
    return { ok: false, id: null, error: `unreadable frame (${String(error).slice(0, 100)})` };
  }
}

function decode(data: unknown, isBinary: boolean): DecodedClientFrame {
  if (isBinary) return { ok: false, id: null, error: 'binary frames are not part of the protocol; send JSON text' };
  const size = typeof data === 'string' ? data.length : Buffer.isBuffer(data) ? data.length : -1;
  if (size > MAX_CLIENT_FRAME_BYTES) return { ok: false, id: null, error: `frame is larger than ${MAX_CLIENT_FRAME_BYTES} bytes` };
  const text = typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString('utf8') : null;
  if (text === null) return { ok: false, id: null, error: 'unreadable frame' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, id: null, error: `frame is not JSON: ${JSON.stringify(text.slice(0, 60))}` };
  }
  const parsed = ClientFrameSchema.safeParse(json);
  if (parsed.success) return { ok: true, frame: parsed.data };
  const rawId = (json as { id?: unknown } | null)?.id;
  const id = Number.isSafeInteger(rawId) && (rawId as number) >= 0 ? (rawId as number) : null;
  return { ok: false, id, error: describeZodError('bad frame', parsed.error) };
}

/**
 * A server frame as text. Never throws: a value JSON cannot encode (a cycle,
 * a BigInt, nesting past the stack) gives null, and the caller answers with
 * an error instead.
 */
export function encodeServerFrame(frame: ServerFrame): string | null {
  try {
    return JSON.stringify(frame);
  } catch {
    return null;
  }
}

export const resultFrame = (id: number, value: unknown): ServerFrame => ({ kind: 'result', id, ok: true, value });
export const errorResultFrame = (id: number, error: string): ServerFrame => ({ kind: 'result', id, ok: false, error });
export const helloFrame = (role: Role): ServerFrame => ({ kind: 'hello', role });
export const eventFrame = (event: BridgeEvent): ServerFrame => ({ kind: 'event', event });
/** A protocol problem with no request to answer: told to the page as an error event. */
export const protocolErrorFrame = (message: string): ServerFrame => eventFrame({ type: 'error', message: message.slice(0, 4000), runId: null });
