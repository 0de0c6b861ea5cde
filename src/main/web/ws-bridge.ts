import { WebSocket, type RawData } from 'ws';
import type { BridgeService, ServerFrame } from '../../shared';
import { userMessage } from '../bridge/messages';
import { decodeClientFrame, errorResultFrame, eventFrame, protocolErrorFrame, resultFrame } from './frames';

/** A browser that cannot keep up (tab in the background on a slow link) is dropped, not buffered without bound. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/**
 * Serves the bridge contract on one WebSocket: requests by id, events pushed
 * as they come. Every frame is validated; a bad one is answered with an error
 * and logged, and the connection goes on. Returns a disposer.
 */
export function serveBridgeSocket(socket: WebSocket, service: BridgeService, peer: string, log: (line: string) => void): () => void {
  const send = (frame: ServerFrame): void => {
    if (socket.readyState !== WebSocket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      log(`web: ${peer} is not reading its events (over ${MAX_BUFFERED_BYTES >> 20} MiB queued); closing it`);
      socket.close(1013, 'too far behind');
      return;
    }
    socket.send(JSON.stringify(frame));
  };

  const unsubscribe = service.subscribe((event) => send(eventFrame(event)));

  socket.on('message', (data: RawData, isBinary: boolean) => {
    const decoded = decodeClientFrame(Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data, isBinary);
    if (!decoded.ok) {
      log(`web: rejected a frame from ${peer}: ${decoded.error}`);
      send(decoded.id === null ? protocolErrorFrame(decoded.error) : errorResultFrame(decoded.id, decoded.error));
      return;
    }
    const { id, name, args } = decoded.frame;
    service.invoke(name, args).then(
      (value) => send(resultFrame(id, value)),
      (error: unknown) => send(errorResultFrame(id, userMessage(error))),
    );
  });
  socket.on('error', (error) => log(`web: socket error from ${peer}: ${error.message}`));
  socket.on('close', unsubscribe);
  return unsubscribe;
}
