import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { BridgeService } from '../../shared';
import { contentType, securityHeaders } from './headers';
import { checkBridgeUpgrade, isAllowedHostHeader, type OriginPolicy } from './origin';
import { resolveStaticPath } from './static-path';
import { serveBridgeSocket } from './ws-bridge';

export const BRIDGE_PATH = '/bridge';
/** loadTrace carries a trace file of up to 512 MiB as text (the contract's limit). */
const MAX_FRAME_BYTES = 520 * 1024 * 1024;

export interface WebServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Defaults to loopback: web mode is reachable from other machines only when asked. */
  host?: string;
  service: BridgeService;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  log?: (line: string) => void;
}

export interface WebServer {
  readonly host: string;
  readonly port: number;
  /** http://HOST:PORT/ with the real port. */
  readonly url: string;
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
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });

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
    const refuse = (status: string, reason: string): void => {
      log(`web: refused a WebSocket from ${req.socket.remoteAddress ?? '?'}: ${reason}`);
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${reason}\n`);
    };
    socket.on('error', () => undefined);
    if ((req.url ?? '').split('?')[0] !== BRIDGE_PATH) return refuse('404 Not Found', `no WebSocket at ${req.url ?? ''}`);
    const verdict = checkBridgeUpgrade(req.headers.origin, req.headers.host, policy);
    if (!verdict.ok) return refuse('403 Forbidden', verdict.reason);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const peer = `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`;
      serveBridgeSocket(ws, options.service, peer, log);
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  policy.port = port;
  let closing: Promise<void> | null = null;

  return {
    host,
    port,
    url: `http://${urlHost(host)}:${port}/`,
    get connections() {
      return wss.clients.size;
    },
    close() {
      closing ??= (async () => {
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
