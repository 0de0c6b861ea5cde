import { z } from 'zod';
import { ROLES } from './access';
import { BridgeEventSchema } from './events';

/** WebSocket frames: request/response by id, plus pushed events. */
export const ClientFrameSchema = z
  .object({ kind: z.literal('invoke'), id: z.number().int().nonnegative(), name: z.string().max(64), args: z.unknown() })
  .strict();
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

export const ServerFrameSchema = z.union([
  z.object({ kind: z.literal('result'), id: z.number().int(), ok: z.literal(true), value: z.unknown() }),
  z.object({ kind: z.literal('result'), id: z.number().int(), ok: z.literal(false), error: z.string() }),
  z.object({ kind: z.literal('event'), event: BridgeEventSchema }),
  /** Live events gathered over ~100 ms, in order (web mode; segments come as binary frames, segment-columns.ts). */
  z.object({ kind: z.literal('events'), events: z.array(BridgeEventSchema) }),
  /** The first frame on a connection: what its token lets this page do. */
  z.object({ kind: z.literal('hello'), role: z.enum(ROLES) }),
]);
export type ServerFrame = z.infer<typeof ServerFrameSchema>;

/** Largest frame either end sends or accepts, bytes: commands are small, and events are sent in batches well below it. */
export const MAX_CLIENT_FRAME_BYTES = 1024 * 1024;

/**
 * The page presents its token as a WebSocket subprotocol, offering
 * [BRIDGE_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX + token]; the server answers
 * with BRIDGE_SUBPROTOCOL only, never echoing the token. Browsers let a page
 * set only this header on a WebSocket, it never appears in a URL, a log line
 * or the Referer, and it is checked on the upgrade: no socket exists for a
 * client without the token.
 */
export const BRIDGE_SUBPROTOCOL = 'corelanes.v1';
export const TOKEN_SUBPROTOCOL_PREFIX = 'corelanes.token.';

/** A token as made by web mode: 32 random bytes in base64url (43 characters, valid in a subprotocol name). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function bridgeSubprotocols(token: string): string[] {
  return [BRIDGE_SUBPROTOCOL, `${TOKEN_SUBPROTOCOL_PREFIX}${token}`];
}
