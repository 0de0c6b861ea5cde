import type { WebSocket, WebSocketServer } from 'ws';

/** How often every client is pinged; one that has not answered (pong or any frame) by the next ping is dropped. */
export const HEARTBEAT_MS = 15_000;

/**
 * Drops connections that went quiet: a laptop that slept, a link that died
 * without a FIN, a client that never reads. Browsers answer pings by
 * themselves, so an open page is never dropped.
 */
export function startHeartbeat(wss: WebSocketServer, everyMs: number, log: (line: string) => void): () => void {
  const heard = new WeakSet<WebSocket>();
  const hear = (ws: WebSocket) => heard.add(ws);
  const onConnection = (ws: WebSocket): void => {
    hear(ws);
    ws.on('pong', () => hear(ws));
    ws.on('message', () => hear(ws));
  };
  wss.on('connection', onConnection);
  const timer = setInterval(() => {
    for (const ws of wss.clients) {
      if (!heard.has(ws)) {
        log(`web: a client did not answer for ${Math.round((2 * everyMs) / 1000)} s; dropping it`);
        ws.terminate();
        continue;
      }
      heard.delete(ws);
      try {
        ws.ping();
      } catch {
        ws.terminate();
      }
    }
  }, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    wss.off('connection', onConnection);
  };
}
