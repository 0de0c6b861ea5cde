import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MAX_CLIENT_FRAME_BYTES, bridgeSubprotocols, type ServerFrame } from '../../../src/shared';
import { startWebServer, type WebServer } from '../../e2e/support/web-server';
import { bridgeClient } from '../../support/bridge-client';
import { clientFrameText, fuzzSeed } from '../../support/fuzz';
import { isAlive } from '../../support/proc';
import { until } from '../../support/until';
import { serverFrames } from '../../support/server-frames';

// Issue 11 against a real `corelanes web` (the built CLI, its own process, the
// real engine): clients without the token, viewers, and hostile frames. One
// server for the whole file; each test leaves no run going.

let server: WebServer;
let stderr = '';
const dir = mkdtempSync(join(tmpdir(), 'corelanes-hostile-'));
const seed = fuzzSeed();

beforeAll(async () => {
  server = await startWebServer();
  server.process.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  chmodSync(dir, 0o777); // the unprivileged user's client writes nowhere else
  copyFileSync(resolve('test/support/raw-bridge-client.mjs'), join(dir, 'client.mjs'));
  chmodSync(join(dir, 'client.mjs'), 0o644);
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const bridgeUrl = () => `ws://127.0.0.1:${new URL(server.url).port}/bridge`;
const serverUp = () => server.process.exitCode === null && server.process.signalCode === null;

/** The raw client as uid/gid nobody (65534): another user of this machine. Its output lines. */
function asNobody(token: string, frame: unknown): string[] {
  const out = execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, join(dir, 'client.mjs'), new URL(server.url).port, token, JSON.stringify(frame)], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return out.trim().split('\n');
}

/** Starts a run, waiting out one that is still ending (the control run of the first test). */
async function startWhenIdle(c: ReturnType<typeof bridgeClient>, params: Record<string, unknown>): Promise<{ runId: string }> {
  for (let i = 0; ; i++) {
    try {
      return (await c.invoke('startRun', { params })) as { runId: string };
    } catch (error) {
      if (i > 100 || !/already going on/.test(String(error))) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** The frames a socket receives, parsed. */
function collect(ws: WebSocket): ServerFrame[] {
  const frames: ServerFrame[] = [];
  ws.on('message', (d, isBinary) => frames.push(...serverFrames(d, isBinary)));
  return frames;
}

/** A viewer connection over plain TCP sends one text frame of invalid UTF-8 (no client library sends one); the close code it gets. */
function invalidUtf8CloseCode(): Promise<number> {
  const port = Number(new URL(server.url).port);
  return new Promise((resolvePromise, reject) => {
    const s = tcpConnect(port, '127.0.0.1', () =>
      s.write(
        `GET /bridge HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n` +
          `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ${bridgeSubprotocols(server.viewerToken).join(', ')}\r\n\r\n`,
      ),
    );
    let data = Buffer.alloc(0);
    let sent = false;
    s.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      if (!sent && data.includes('\r\n\r\n')) {
        sent = true;
        data = data.subarray(data.indexOf('\r\n\r\n') + 4);
        // FIN + text, masked, 4 bytes: 0xff 0xfe 0xc3 0x28 is no UTF-8 (mask of zeros keeps them as they are).
        s.write(Buffer.from([0x81, 0x84, 0, 0, 0, 0, 0xff, 0xfe, 0xc3, 0x28]));
      }
    });
    s.on('error', reject);
    s.on('close', () => resolvePromise(closeCode(data)));
  });
}

/** The status code of the close frame among a server's unmasked frames (binary frames may hold any byte, so walk them), or -1. */
function closeCode(data: Buffer): number {
  for (let at = 0; at + 2 <= data.length; ) {
    const opcode = data[at]! & 0x0f;
    let len = data[at + 1]! & 0x7f;
    let head = 2;
    if (len === 126) [len, head] = [data.readUInt16BE(at + 2), 4];
    else if (len === 127) [len, head] = [Number(data.readBigUInt64BE(at + 2)), 10];
    if (opcode === 0x8) return len >= 2 && at + head + 2 <= data.length ? data.readUInt16BE(at + head) : -1;
    at += head + len;
  }
  return -1;
}

async function ranNothing(file: string): Promise<void> {
  await new Promise((r) => setTimeout(r, 500));
  expect(existsSync(file)).toBe(false);
}

describe('corelanes web: who may run a program (finding 1)', () => {
  it.skipIf(process.getuid?.() !== 0)('another OS user without the token, or with a wrong one, is refused on the upgrade (401) and runs nothing; the leader link is what it takes', async () => {
    const proof = join(dir, 'id.txt');
    const attack = (id: number) => ({ kind: 'invoke', id, name: 'traceCommand', args: { argv: ['/bin/sh', '-c', `id > ${proof}`] } });
    expect(asNobody('-', attack(1))[0]).toMatch(/^HTTP\/1\.1 401 /);
    expect(asNobody('A'.repeat(43), attack(2))[0]).toMatch(/^HTTP\/1\.1 401 /);
    await ranNothing(proof);
    expect(stderr).toMatch(/refused a WebSocket from 127\.0\.0\.1:\d+: no token/);
    expect(stderr).toMatch(/refused a WebSocket from 127\.0\.0\.1:\d+: wrong token/);
    expect(stderr.includes(server.token) || stderr.includes(server.viewerToken)).toBe(false);
    // The same client, user and frame with the viewer link: connected, refused by role.
    const viewer = asNobody(server.viewerToken, attack(3));
    expect(viewer[0]).toMatch(/^HTTP\/1\.1 101 /);
    expect(viewer.join('\n')).toMatch(/"id":3,"ok":false,"error":"traceCommand is for the leader only/);
    await ranNothing(proof);
    // Control: with the leader link the very same frame runs (as the user who serves Corelanes).
    const leader = asNobody(server.token, attack(4));
    expect(leader.join('\n')).toMatch(/"id":4,"ok":true/);
    const said = await until('the program ran', () => existsSync(proof) && readFileSync(proof, 'utf8'), 10_000);
    expect(said).toMatch(/^uid=\d+/);
  });

  it('a viewer trying each leader command is refused by name, and nothing starts', async () => {
    const proof = join(dir, 'viewer.txt');
    const viewer = bridgeClient(bridgeUrl(), server.viewerToken);
    await viewer.opened;
    await new Promise((r) => setTimeout(r, 300)); // the replay of a run from before, if any
    const startedBefore = viewer.events().filter((e) => e.type === 'run-started').length;
    const tries: [string, unknown][] = [
      ['startRun', { params: { kind: 'thread', workers: 1, workload: 'io', durationS: 5 } }],
      ['stopRun', {}],
      ['addWorker', {}],
      ['removeWorker', {}],
      ['traceCommand', { argv: ['/bin/sh', '-c', `touch ${proof}`] }],
      ['loadTrace', { text: '{}' }],
    ];
    for (const [name, args] of tries) await expect(viewer.invoke(name, args), name).rejects.toThrow(name === 'loadTrace' ? /not offered/ : /leader only/);
    await ranNothing(proof);
    expect(viewer.events().filter((e) => e.type === 'run-started')).toHaveLength(startedBefore);
    viewer.ws.close();
  });
});

describe('corelanes web: hostile input while a run streams (finding 2, 5)', () => {
  it(`a 2 MiB frame, invalid UTF-8, JSON nested 10^6 deep, 1,000 fuzzed frames (seed ${seed}) and 100 connections opened and dropped: the server stays up and the run keeps streaming`, async () => {
    const leader = bridgeClient(bridgeUrl(), server.token);
    await leader.opened;
    const { runId } = await startWhenIdle(leader, { kind: 'thread', workers: 1, workload: 'io', durationS: 120 });
    const progress = () => leader.events().filter((e) => e.type === 'progress' && e.runId === runId).length;
    await until('the run streams', () => progress() > 0);

    const open = (token: string | null) => new WebSocket(bridgeUrl(), token === null ? [] : bridgeSubprotocols(token));
    const closedWith = (ws: WebSocket) => new Promise<number>((r) => ws.once('close', (code) => r(code)));
    const opened = (ws: WebSocket) => new Promise<void>((r, j) => (ws.once('open', () => r()), ws.once('error', j)));

    // Frames past 1 MiB: ws closes that connection (1009) before reading it whole.
    const big = open(server.viewerToken);
    await opened(big);
    const bigClosed = closedWith(big);
    big.send('x'.repeat(2 * 1024 * 1024));
    expect(await bigClosed).toBe(1009);
    const deep = open(server.viewerToken);
    await opened(deep);
    const deepClosed = closedWith(deep);
    deep.send(`${'['.repeat(1e6)}${']'.repeat(1e6)}`);
    expect(await deepClosed).toBe(1009);
    // Invalid UTF-8 in a text frame: closed with 1007 (ws checks it); JSON nested as deep as 1 MiB allows: answered with an error.
    expect(await invalidUtf8CloseCode()).toBe(1007);
    const nested = open(server.viewerToken);
    const answers = collect(nested);
    await opened(nested);
    const half = MAX_CLIENT_FRAME_BYTES / 2 - 64;
    nested.send(`{"kind":"invoke","id":1,"name":"machineInfo","args":${'['.repeat(half)}${']'.repeat(half)}}`);
    const answer = await until('the nested frame answered', () => answers.find((f) => f.kind === 'result' && f.id === 1), 10_000);
    expect(answer).toMatchObject({ ok: false, error: expect.stringContaining('bad arguments') });

    // 1,000 fuzzed frames from a viewer (a leader may stop runs: that is its right, not an attack).
    const fuzzer = open(server.viewerToken);
    await opened(fuzzer);
    for (const text of fc.sample(clientFrameText, { seed, numRuns: 1000 })) fuzzer.send(text);
    await new Promise((r) => setTimeout(r, 500));

    // 100 connections: with tokens (closed, or cut without a close frame), without, and half-open TCP.
    for (let batch = 0; batch < 10; batch++) {
      const round = Array.from({ length: 10 }, (_, i) => {
        if (i === 9) {
          const s = tcpConnect(Number(new URL(server.url).port), '127.0.0.1', () => s.end('GET /bridge HTTP/1.1\r\nUpgrade: websocket\r\n'));
          s.on('error', () => undefined);
          return new Promise<void>((r) => s.once('close', () => r()));
        }
        const ws = open(i === 8 ? null : server.viewerToken);
        ws.on('error', () => undefined);
        return new Promise<void>((r) => {
          ws.once('open', () => (i % 2 ? ws.terminate() : ws.close()));
          ws.once('close', () => r());
        });
      });
      await Promise.all(round);
    }

    expect(serverUp()).toBe(true);
    const before = progress();
    await until('progress still streaming to the good client', () => progress() >= before + 2, 15_000);
    expect(leader.ws.readyState).toBe(WebSocket.OPEN);
    expect(await leader.invoke('stopRun', {})).toEqual({ stopped: true });
    await until('run-ended', () => leader.events().some((e) => e.type === 'run-ended' && e.runId === runId), 20_000);
    for (const ws of [fuzzer, nested, leader.ws]) ws.close();
    expect(serverUp()).toBe(true);
  });
});

describe('corelanes web: ending a traced program (finding 4, 5)', () => {
  it('a traced program that double-forks a sleeper into its own session: after stop, no process of it is left', async () => {
    const leader = bridgeClient(bridgeUrl(), server.token);
    await leader.opened;
    const pidFile = join(dir, 'sleeper.pid');
    // The subshell forks the sleeper and exits at once: the sleeper is reparented and leaves the session (setsid).
    const script = `(setsid sh -c 'echo $$ > ${pidFile}; exec sleep 300' &) ; exec sleep 300`;
    let runId = '';
    for (let i = 0; !runId; i++) {
      try {
        ({ runId } = (await leader.invoke('traceCommand', { argv: ['/bin/sh', '-c', script] })) as { runId: string });
      } catch (error) {
        if (i > 100 || !/already going on/.test(String(error))) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const sleeper = await until('the sleeper wrote its pid', () => existsSync(pidFile) && Number(readFileSync(pidFile, 'utf8').trim()), 10_000);
    expect(isAlive(sleeper)).toBe(true);
    // Fields after the comm: state ppid pgrp session. setsid made it lead its own session: the command's group signal misses it.
    const [, , , session] = readFileSync(`/proc/${sleeper}/stat`, 'latin1').split(') ')[1]!.split(' ');
    expect(Number(session), 'the sleeper leads its own session').toBe(sleeper);
    expect(await leader.invoke('stopRun', {})).toEqual({ stopped: true });
    await until('run-ended', () => leader.events().some((e) => e.type === 'run-ended' && e.runId === runId), 20_000);
    await until('the double-forked sleeper is gone', () => !isAlive(sleeper), 5000);
    leader.ws.close();
  });
});
