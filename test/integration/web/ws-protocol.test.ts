import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createBridgeService } from '../../../src/main/bridge';
import { MAX_CLIENTS, startWebServer, type WebServer } from '../../../src/main/web';
import { COMMAND_ACCESS, COMMAND_NAMES, MAX_CLIENT_FRAME_BYTES, ServerFrameSchema, bridgeSubprotocols, type ServerFrame } from '../../../src/shared';
import { FakeEngine } from '../../unit/bridge/fake-engine';
import { until } from '../../support/until';
import { serverFrames } from '../../support/server-frames';

// The real HTTP server and WebSocket on loopback; the engine is the unit-test
// stand-in, because this file is about the protocol (the real engine over the
// same socket is in real-engine.test.ts).

let server: WebServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function start(logged: string[] = [], extra: { heartbeatMs?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'corelanes-web-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Corelanes</title>');
  const engine = new FakeEngine();
  const service = createBridgeService({ engine, presets: [], log: (l) => logged.push(l) });
  server = await startWebServer({ port: 0, service, rendererDir: dir, log: (l) => logged.push(l), ...extra });
  return { engine, service, server };
}

interface ConnectOptions {
  origin?: string;
  /** The token to present; the server's leader token unless said; null presents none. */
  token?: string | null;
  autoPong?: boolean;
}

type Connected = { ws: WebSocket; frames: ServerFrame[]; next: (pred: (f: ServerFrame) => boolean) => Promise<ServerFrame> };

function connect(url: string, o: ConnectOptions = {}): Promise<Connected> {
  const token = o.token === undefined ? server!.tokens.leader : o.token;
  const ws = new WebSocket(url, token === null ? [] : bridgeSubprotocols(token), { ...(o.origin ? { origin: o.origin } : {}), autoPong: o.autoPong ?? true });
  const frames: ServerFrame[] = [];
  const waiters: { pred: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }[] = [];
  ws.on('message', (data, isBinary) => {
    for (const frame of serverFrames(data, isBinary)) {
      frames.push(frame);
      for (const w of [...waiters]) if (w.pred(frame)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
    }
  });
  const next = (pred: (f: ServerFrame) => boolean) =>
    new Promise<ServerFrame>((resolve) => {
      const seen = frames.find(pred);
      if (seen) resolve(seen);
      else waiters.push({ pred, resolve });
    });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, frames, next }));
    ws.once('error', reject);
  });
}

const result = (id: number) => (f: ServerFrame) => f.kind === 'result' && f.id === id;

describe('web mode: HTTP', () => {
  it('binds loopback, serves the page with CSP and cross-origin isolation, refuses escapes', async () => {
    const { server } = await start();
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Corelanes</title>');
    expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(page.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect((await fetch(`${server.url}nope.js`)).status).toBe(404);
    expect((await fetch(`${server.url}..%2f..%2fetc%2fpasswd`)).status).toBe(400);
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${server.url}bridge`)).status).toBe(426);
  });
});

describe('web mode: the bridge WebSocket', () => {
  it('answers commands and streams a run\'s events', async () => {
    const { server, engine } = await start();
    const { ws, next } = await connect(`ws://127.0.0.1:${server.port}/bridge`, { origin: `http://127.0.0.1:${server.port}` });
    ws.send(JSON.stringify({ kind: 'invoke', id: 1, name: 'machineInfo', args: {} }));
    expect(await next(result(1))).toMatchObject({ ok: true, value: { logicalCores: 2 } });
    ws.send(JSON.stringify({ kind: 'invoke', id: 2, name: 'startRun', args: { params: { workers: 1 } } }));
    expect(await next(result(2))).toMatchObject({ ok: true, value: { runId: 'run-1' } });
    expect(await next((f) => f.kind === 'event' && f.event.type === 'run-started')).toBeTruthy();
    engine.sessions[0]!.emit({ type: 'progress', runId: 'run-1', elapsedMs: 5, durationMs: 10 });
    expect(await next((f) => f.kind === 'event' && f.event.type === 'progress')).toBeTruthy();
    ws.close();
  });

  it('answers bad frames with errors, logs them, and keeps the connection working', async () => {
    const logged: string[] = [];
    const { server } = await start(logged);
    const { ws, next, frames } = await connect(`ws://127.0.0.1:${server.port}/bridge`);
    ws.send('{not json');
    expect(await next((f) => f.kind === 'event' && f.event.type === 'error')).toMatchObject({ event: { message: expect.stringContaining('not JSON') } });
    ws.send(JSON.stringify({ kind: 'invoke', id: 5, name: 'startRun' }));
    expect(await next(result(5))).toMatchObject({ ok: false, error: expect.stringContaining('bad frame: args') });
    ws.send(JSON.stringify({ kind: 'invoke', id: 6, name: 'rm -rf', args: {} }));
    expect(await next(result(6))).toMatchObject({ ok: false, error: 'Unknown command "rm -rf"' });
    ws.send(JSON.stringify({ kind: 'invoke', id: 7, name: 'startRun', args: { params: { workers: 0 } } }));
    expect(await next(result(7))).toMatchObject({ ok: false, error: expect.stringContaining('workers must be at least 1') });
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    await next((f) => f.kind === 'event' && f.event.type === 'error' && f.event.message.includes('binary'));
    ws.send(JSON.stringify({ kind: 'invoke', id: 8, name: 'listScenarios', args: {} }));
    expect(await next(result(8))).toMatchObject({ ok: true });
    expect(frames.every((f) => ServerFrameSchema.safeParse(f).success)).toBe(true);
    expect(logged.filter((l) => l.includes('rejected a frame')).length).toBeGreaterThanOrEqual(2);
    ws.close();
  });

  it('a browser that joins during a run (a workshop participant) gets the run so far, then live events', async () => {
    const { server, engine } = await start();
    const leader = await connect(`ws://127.0.0.1:${server.port}/bridge`);
    leader.ws.send(JSON.stringify({ kind: 'invoke', id: 1, name: 'startRun', args: { params: {} } }));
    await leader.next(result(1));
    engine.sessions[0]!.emit({ type: 'progress', runId: 'run-1', elapsedMs: 5, durationMs: 10 });
    const follower = await connect(`ws://127.0.0.1:${server.port}/bridge`);
    await follower.next((f) => f.kind === 'event' && f.event.type === 'progress');
    expect(follower.frames[0]).toMatchObject({ kind: 'hello', role: 'leader' });
    expect(follower.frames[1]).toMatchObject({ kind: 'event', event: { type: 'run-started', run: { runId: 'run-1' } } });
    engine.sessions[0]!.emit({ type: 'progress', runId: 'run-1', elapsedMs: 7, durationMs: 10 });
    await follower.next((f) => f.kind === 'event' && f.event.type === 'progress' && f.event.elapsedMs === 7);
    leader.ws.close();
    follower.ws.close();
  });

  it('refuses other origins, other hosts and other paths', async () => {
    const { server } = await start();
    const base = `ws://127.0.0.1:${server.port}`;
    await expect(connect(`${base}/bridge`, { origin: 'https://evil.example' })).rejects.toThrow('403');
    await expect(connect(`${base}/elsewhere`)).rejects.toThrow('404');
    const rebinding = new WebSocket(`${base}/bridge`, bridgeSubprotocols(server.tokens.leader), { headers: { host: `evil.example:${server.port}` } });
    await expect(new Promise((_, reject) => rebinding.once('error', reject))).rejects.toThrow('403');
    expect(server.connections).toBe(0);
  });

  it('closing the server ends the run and closes the sockets', async () => {
    const { server, engine, service } = await start();
    const { ws, next } = await connect(`ws://127.0.0.1:${server.port}/bridge`);
    ws.send(JSON.stringify({ kind: 'invoke', id: 1, name: 'startRun', args: { params: {} } }));
    await next(result(1));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    await service.dispose();
    await server.close();
    expect(await closed).toBe(1001);
    expect(engine.sessions[0]!.stopped).toBe(true);
  });
});

describe('web mode: who may connect and what each role may send', () => {
  it('refuses a client without a token, with a wrong or a malformed one (401), and logs why without the token', async () => {
    const logged: string[] = [];
    const { server } = await start(logged);
    const url = `ws://127.0.0.1:${server.port}/bridge`;
    await expect(connect(url, { token: null })).rejects.toThrow('401');
    await expect(connect(url, { token: 'A'.repeat(43) })).rejects.toThrow('401');
    await expect(connect(url, { token: `${server.tokens.leader}x` })).rejects.toThrow('401');
    expect(server.connections).toBe(0);
    const refusals = logged.filter((l) => l.includes('refused a WebSocket'));
    expect(refusals.map((l) => l.replace(/.*: /, ''))).toEqual([expect.stringMatching(/^no token/), expect.stringMatching(/^wrong token/), 'malformed token']);
    for (const line of logged) expect(line.includes(server.tokens.leader) || line.includes(server.tokens.viewer)).toBe(false);
    // The token is answered with the protocol name only, never echoed.
    const good = await connect(url);
    expect(good.ws.protocol).toBe('corelanes.v1');
    expect(await good.next((f) => f.kind === 'hello')).toEqual({ kind: 'hello', role: 'leader' });
    good.ws.close();
  });

  it('a viewer sees every event and may send the read commands; each leader command is refused by name and nothing runs', async () => {
    const { server, engine } = await start();
    const url = `ws://127.0.0.1:${server.port}/bridge`;
    const viewer = await connect(url, { token: server.tokens.viewer });
    expect(await viewer.next((f) => f.kind === 'hello')).toEqual({ kind: 'hello', role: 'viewer' });
    const leaderOnly = COMMAND_NAMES.filter((n) => !COMMAND_ACCESS[n].roles.includes('viewer'));
    expect(leaderOnly.sort()).toEqual(['addWorker', 'loadTrace', 'removeWorker', 'setRoom', 'startExercise', 'startRun', 'stopRun', 'traceCommand', 'traceDefaults']);
    const argsOf: Record<string, unknown> = { startRun: { params: { workers: 1 } }, traceCommand: { argv: ['true'] }, loadTrace: { text: '{}' } };
    let id = 0;
    for (const name of leaderOnly) {
      viewer.ws.send(JSON.stringify({ kind: 'invoke', id: ++id, name, args: argsOf[name] ?? {} }));
      const answer = await viewer.next(result(id));
      expect(answer, name).toMatchObject({ ok: false });
      expect((answer as { error: string }).error, name).toMatch(name === 'loadTrace' ? /not offered over web mode/ : /leader only/);
    }
    expect(engine.sessions).toHaveLength(0);
    viewer.ws.send(JSON.stringify({ kind: 'invoke', id: ++id, name: 'listScenarios', args: {} }));
    expect(await viewer.next(result(id))).toMatchObject({ ok: true });
    // The leader starts a run; the viewer sees it.
    const leader = await connect(url);
    leader.ws.send(JSON.stringify({ kind: 'invoke', id: 1, name: 'startRun', args: { params: { workers: 1 } } }));
    await leader.next(result(1));
    await viewer.next((f) => f.kind === 'event' && f.event.type === 'run-started');
    leader.ws.close();
    viewer.ws.close();
  });

  it('loadTrace is not offered over the WebSocket, even to the leader (the page reads files itself)', async () => {
    const { server } = await start();
    const c = await connect(`ws://127.0.0.1:${server.port}/bridge`);
    c.ws.send(JSON.stringify({ kind: 'invoke', id: 1, name: 'loadTrace', args: { text: '{}' } }));
    expect(await c.next(result(1))).toMatchObject({ ok: false, error: expect.stringContaining('not offered over web mode') });
    c.ws.close();
  });
});

describe('web mode: bounded connections', () => {
  it(`serves at most ${MAX_CLIENTS} clients (503 past that) and frees a slot when one leaves`, async () => {
    const logged: string[] = [];
    const { server } = await start(logged);
    const url = `ws://127.0.0.1:${server.port}/bridge`;
    const clients = await Promise.all(Array.from({ length: MAX_CLIENTS }, () => connect(url)));
    await expect(connect(url)).rejects.toThrow('503');
    expect(logged.some((l) => l.includes(`${MAX_CLIENTS} clients are connected`))).toBe(true);
    const gone = new Promise((r) => clients[0]!.ws.once('close', r));
    clients[0]!.ws.close();
    await gone;
    await until('the slot freed', () => server.connections === MAX_CLIENTS - 1);
    const again = await connect(url);
    await again.next((f) => f.kind === 'hello');
    for (const c of [...clients.slice(1), again]) c.ws.close();
  });

  it('drops a client that stops answering pings', async () => {
    const logged: string[] = [];
    const { server } = await start(logged, { heartbeatMs: 100 });
    const url = `ws://127.0.0.1:${server.port}/bridge`;
    const deaf = await connect(url, { autoPong: false });
    const alive = await connect(url);
    const closed = new Promise((r) => deaf.ws.once('close', r));
    await closed;
    expect(logged.some((l) => l.includes('did not answer'))).toBe(true);
    await new Promise((r) => setTimeout(r, 300)); // three more pings: the answering client stays
    expect(alive.ws.readyState).toBe(WebSocket.OPEN);
    alive.ws.close();
  });

  it('closes a connection that sends a frame over 1 MiB (1009), and only that one', async () => {
    const { server, engine } = await start();
    const url = `ws://127.0.0.1:${server.port}/bridge`;
    const good = await connect(url);
    good.ws.send(JSON.stringify({ kind: 'invoke', id: 1, name: 'startRun', args: { params: { workers: 1 } } }));
    await good.next(result(1));
    const big = await connect(url);
    const code = new Promise<number>((r) => big.ws.once('close', (c) => r(c)));
    big.ws.send('x'.repeat(MAX_CLIENT_FRAME_BYTES + 1));
    expect(await code).toBe(1009);
    engine.sessions[0]!.emit({ type: 'progress', runId: 'run-1', elapsedMs: 9, durationMs: 10 });
    await good.next((f) => f.kind === 'event' && f.event.type === 'progress' && f.event.elapsedMs === 9);
    good.ws.close();
  });
});
