import { z } from 'zod';
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
]);
export type ServerFrame = z.infer<typeof ServerFrameSchema>;
