import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { BRIDGE_SUBPROTOCOL, MAX_CLIENT_FRAME_BYTES, type BridgeService } from '../../shared';
import { contentType, securityHeaders } from './headers';
import { HEARTBEAT_MS, startHeartbeat } from './heartbeat';
import { checkBridgeUpgrade, isAllowedHostHeader, type OriginPolicy } from './origin';
import { resolveStaticPath } from './static-path';
import { checkToken, linkWithToken, newAccessTokens, type AccessTokens } from './token';
import { FrameBatcher } from './frame-batcher';
import { serveBridgeSocket } from './ws-bridge';
import { connectionCallers } from './connection-callers';

export const BRIDGE_PATH = '/bridge';
/** Browsers connected at once (a workshop room); more are refused with 503 on the upgrade. */
export const MAX_CLIENTS = 32;

export interface WebServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Defaults to loopback: web mode is reachable from other machines only when asked. */
  host?: string;
  service: BridgeService;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  log?: (line: string) => void;
  /** The leader and viewer tokens; made fresh when not given. */
  tokens?: AccessTokens;
  /** Ping interval, ms (tests shorten it); a client silent for two of them is dropped. */
  heartbeatMs?: number;
}

export interface WebServer {
  readonly host: string;
  readonly port: number;
  /** http://HOST:PORT/ with the real port. */
  readonly url: string;
  /** The page with the leader token in its fragment: starts and stops runs. */
  readonly leaderUrl: string;
  /** The page with the viewer token: watches, cannot start, stop, add or run. */
  readonly viewerUrl: string;
  readonly tokens: AccessTokens;
  readonly connections: number;
  /** Closes every socket and the listener. The service is the caller's to dispose. */
  close(): Promise<void>;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

/** Web mode binds loopback unless told otherwise. */
export const DEFAULT_WEB_HOST = '127.0.0.1';

export function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** Serves the renderer over HTTP and the bridge over a WebSocket at /bridge. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? DEFAULT_WEB_HOST;
  const log = options.log ?? ((line: string) => console.error(line));
  const rendererReady = existsSync(join(options.rendererDir, 'index.html'));
  if (!rendererReady) log(`web: no built renderer in ${options.rendererDir}; run "npm run build" (the bridge still works)`);

  const policy: OriginPolicy = { port: 0, hostNames: WILDCARD_HOSTS.has(host) ? [] : [host] };
  const tokens = options.tokens ?? newAccessTokens();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CLIENT_FRAME_BYTES,
    perMessageDeflate: false,
    // The client offers [corelanes.v1, corelanes.token.<token>]: answer with the first, never echo the token.
    handleProtocols: (offered) => (offered.has(BRIDGE_SUBPROTOCOL) ? BRIDGE_SUBPROTOCOL : false),
  });
  const callerFor = connectionCallers(options.service);
  const stopHeartbeat = startHeartbeat(wss, options.heartbeatMs ?? HEARTBEAT_MS, log);
  // One subscription to the engine for all sockets: each batch of events is encoded once, whoever watches.
  const frames = new FrameBatcher(log);
  const stopEvents = options.service.subscribe((event) => frames.take(event));

  const server = createServer((req, res) => serveStatic(req, res));

  function serveStatic(req: IncomingMessage, res: ServerResponse): void {
    const hostOk = isAllowedHostHeader(req.headers.host, policy);
    const headers = securityHeaders(hostOk ? `ws://${req.headers.host}` : null);
    const reply = (status: number, text: string): void => {
      res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(`${text}\n`);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(405, 'Method not allowed');
    const url = req.url ?? '/';
    if (url.split('?')[0] === BRIDGE_PATH) return reply(426, 'This is the Corelanes bridge: connect with a WebSocket');
    if (!rendererReady) return reply(503, 'The Corelanes renderer is not built: run "npm run build"');
    const file = resolveStaticPath(options.rendererDir, url);
    if (!file) return reply(400, 'Bad path');
    let size: number;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) return reply(404, 'Not found');
      size = stat.size;
    } catch {
      return reply(404, 'Not found');
    }
    const ext = extname(file);
    res.writeHead(200, {
      ...headers,
      'Content-Type': contentType(ext),
      'Content-Length': String(size),
      // Vite names assets by content hash: cache those; always revalidate the page.
      'Cache-Control': url.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file)
      .on('error', (error) => {
        log(`web: reading ${file} failed: ${error.message}`);
        res.destroy();
      })
      .pipe(res);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const peer = `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`;
    // The reason is logged and sent; neither ever holds the token.
    const refuse = (status: string, reason: string): void => {
      log(`web: refused a WebSocket from ${peer}: ${reason}`);
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${reason}\n`);
    };
    socket.on('error', () => undefined);
    if ((req.url ?? '').split('?')[0] !== BRIDGE_PATH) return refuse('404 Not Found', `no WebSocket at ${(req.url ?? '').slice(0, 100)}`);
    const verdict = checkBridgeUpgrade(req.headers.origin, req.headers.host, policy);
    if (!verdict.ok) return refuse('403 Forbidden', verdict.reason);
    const token = checkToken(req.headers['sec-websocket-protocol'], tokens);
    if (!token.ok) return refuse('401 Unauthorized', token.reason);
    if (wss.clients.size >= MAX_CLIENTS) return refuse('503 Service Unavailable', `${MAX_CLIENTS} clients are connected, the most web mode serves`);
    wss.handleUpgrade(req, socket, head, (ws) => {
      wss.emit('connection', ws, req);
      serveBridgeSocket({ socket: ws, service: options.service, frames, caller: callerFor(token.role, ws), peer, log });
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    stopHeartbeat();
    stopEvents();
    frames.dispose();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  policy.port = port;
  let closing: Promise<void> | null = null;

  const url = `http://${urlHost(host)}:${port}/`;
  return {
    host,
    port,
    url,
    leaderUrl: linkWithToken(url, tokens.leader),
    viewerUrl: linkWithToken(url, tokens.viewer),
    tokens,
    get connections() {
      return wss.clients.size;
    },
    close() {
      closing ??= (async () => {
        stopHeartbeat();
        stopEvents();
        frames.dispose();
        for (const ws of wss.clients) ws.close(1001, 'Corelanes is shutting down');
        const deadline = setTimeout(() => wss.clients.forEach((ws) => ws.terminate()), 1000);
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        while (wss.clients.size > 0) await new Promise((r) => setTimeout(r, 20));
        clearTimeout(deadline);
      })();
      return closing;
    },
  };
}
