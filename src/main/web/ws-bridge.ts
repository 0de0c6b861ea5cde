import { WebSocket, type RawData } from 'ws';
import type { BridgeService, Caller, ServerFrame } from '../../shared';
import { userMessage } from '../bridge/messages';
import { decodeClientFrame, encodeServerFrame, errorResultFrame, helloFrame, protocolErrorFrame, resultFrame } from './frames';
import { EventOutbox } from './event-outbox';
import type { FrameBatcher } from './frame-batcher';

/** Requests one connection may have going at once; more are answered at once with an error. */
const MAX_PENDING_REQUESTS = 16;

export interface BridgeSocketOptions {
  socket: WebSocket;
  service: BridgeService;
  /** The server's one batcher of the engine's events: every socket gets its frames. */
  frames: FrameBatcher;
  /** What the connection's token lets it do (checked on the upgrade). */
  caller: Caller;
  peer: string;
  log: (line: string) => void;
}

function rawBytes(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? Buffer.from(data) : data;
}

/**
 * Serves the bridge contract on one WebSocket: a hello (the connection's
 * role), then requests by id and events pushed as they come. Every frame is
 * validated; a bad one is answered with an error and logged, and the
 * connection goes on. Nothing a client sends can throw out of a listener.
 * Events come from the server's batcher, through an outbox that shares its
 * encoded frames and sends as fast as the client reads. Returns a disposer.
 */
export function serveBridgeSocket(o: BridgeSocketOptions): () => void {
  const { socket, service, frames, caller, peer, log } = o;
  let pending = 0;

  const sendFrame = (frame: ServerFrame): void => {
    if (socket.readyState !== WebSocket.OPEN) return;
    const text = encodeServerFrame(frame);
    if (text === null) {
      log(`web: an answer to ${peer} could not be encoded; sent an error instead`);
      if (frame.kind === 'result') sendFrame(errorResultFrame(frame.id, 'The answer could not be encoded (logged); please report it'));
      return;
    }
    try {
      socket.send(text);
    } catch (error) {
      log(`web: sending to ${peer} failed: ${userMessage(error)}`);
    }
  };

  sendFrame(helloFrame(caller.role));
  const outbox = new EventOutbox(socket, {
    tooFarBehind: (lagBytes) => {
      log(`web: ${peer} is not reading its events (${lagBytes >> 20} MiB behind); closing it`);
      socket.close(1013, 'too far behind');
    },
    sendFailed: (error) => log(`web: sending to ${peer} failed: ${error.message}`),
  });
  const unsubscribe = frames.subscribe((frame) => outbox.push(frame));
  outbox.replayDone();

  const answer = (id: number, name: string, args: unknown): void => {
    if (pending >= MAX_PENDING_REQUESTS) return sendFrame(errorResultFrame(id, `More than ${MAX_PENDING_REQUESTS} requests at once; wait for the answers`));
    pending++;
    service
      .invoke(name, args, caller)
      .then(
        (value) => sendFrame(resultFrame(id, value)),
        (error: unknown) => sendFrame(errorResultFrame(id, userMessage(error))),
      )
      .catch((error: unknown) => log(`web: answering ${peer} failed: ${userMessage(error)}`))
      .finally(() => pending--);
  };

  socket.on('message', (data: RawData, isBinary: boolean) => {
    try {
      const decoded = decodeClientFrame(rawBytes(data), isBinary);
      if (!decoded.ok) {
        log(`web: rejected a frame from ${peer}: ${decoded.error}`);
        sendFrame(decoded.id === null ? protocolErrorFrame(decoded.error) : errorResultFrame(decoded.id, decoded.error));
        return;
      }
      const { id, name, args } = decoded.frame;
      answer(id, name, args);
    } catch (error) {
      log(`web: a frame from ${peer} could not be handled: ${userMessage(error)}`);
    }
  });
  socket.on('error', (error) => log(`web: socket error from ${peer}: ${error.message}`));
  const dispose = (): void => {
    unsubscribe();
    outbox.clear();
  };
  socket.on('close', dispose);
  return dispose;
}
