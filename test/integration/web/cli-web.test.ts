import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { bridgeSubprotocols, type ServerFrame, type Task } from '../../../src/shared';
import { until } from '../../support/until';
import { serverFrames } from '../../support/server-frames';
import { isAlive } from '../../support/proc';

// `corelanes web` as a user runs it: the built CLI in its own process.

const cli = resolve('out/cli/corelanes.js');
let child: ChildProcess | null = null;

beforeAll(() => {
  if (!existsSync(cli)) throw new Error('run "npm run build" first: out/cli/corelanes.js is missing');
});
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = null;
});

function startCli(args: string[]): Promise<{ url: string; token: string; lines: string[] }> {
  const proc = spawn(process.execPath, [cli, 'web', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  const lines: string[] = [];
  return new Promise((resolvePromise, reject) => {
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      lines.push(line);
      const m = /^Corelanes web: (http:\/\/127\.0\.0\.1:\d+\/)#token=([\w-]{43})$/.exec(line);
      if (m) resolvePromise({ url: m[1]!, token: m[2]!, lines });
    });
    proc.once('exit', (code) => reject(new Error(`corelanes web exited with ${code} before printing its URL`)));
  });
}

describe('corelanes web (the CLI)', () => {
  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)('prints its URL with the real port, and on %s ends every run before exiting 0', async (signal) => {
    const { url, token, lines } = await startCli(['--port', '0']);
    expect(lines[0]).toBe(`Corelanes web: ${url}#token=${token}`);
    const port = Number(new URL(url).port);
    expect(port).toBeGreaterThan(0);
    expect((await fetch(url)).headers.get('cross-origin-embedder-policy')).toBe('require-corp');

    const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge`, bridgeSubprotocols(token), { origin: url.slice(0, -1) });
    const frames: ServerFrame[] = [];
    ws.on('message', (d, isBinary) => frames.push(...serverFrames(d, isBinary)));
    await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
    ws.send(JSON.stringify({ kind: 'invoke', id: 1, name: 'startRun', args: { params: { kind: 'process', workers: 2, workload: 'cpu', durationS: 120 } } }));
    const pids = await until('two worker pids', () => {
      const tasks = new Map<string, Task>();
      for (const f of frames) if (f.kind === 'event' && f.event.type === 'task') tasks.set(f.event.task.id, f.event.task);
      const p = [...tasks.values()].filter((t) => t.kind === 'process' && t.pid !== null && t.startedMs !== null).map((t) => t.pid!);
      return p.length === 2 && p;
    }, 60_000); // startRun waits for the machine's Python probe, slow on a busy machine
    expect(pids.every(isAlive)).toBe(true);

    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
    child!.kill(signal);
    expect(await exited).toBe(0);
    expect(frames.some((f) => f.kind === 'event' && f.event.type === 'run-ended' && f.event.reason === 'stopped')).toBe(true);
    await until('no worker process left', () => pids.every((pid) => !isAlive(pid)), 5000);
  });

  it.each([
    [['--port', '99999'], '--port'],
    [['--port', 'abc'], '--port'],
    [['--host', 'a b'], '--host'],
  ])('rejects %j with a one-line error and a non-zero exit', (args, fragment) => {
    const r = spawnSync(process.execPath, [cli, 'web', ...args], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(fragment);
  });

  it('stops (ending every run) when whoever started it is gone and its output fails with EPIPE, instead of spinning on logging that failure', async () => {
    const { url } = await startCli(['--port', '0']);
    const proc = child!;
    proc.stdout!.destroy();
    proc.stderr!.destroy();
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
    // A refused connection makes it log a line: the write that finds the pipe closed.
    const ws = new WebSocket(`ws://127.0.0.1:${new URL(url).port}/bridge`);
    ws.on('error', () => undefined);
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 30_000))]);
    expect(code).toBe(0);
  });

  it('says so in one line when the port is taken', async () => {
    const { url } = await startCli(['--port', '0']);
    const r = spawnSync(process.execPath, [cli, 'web', '--port', new URL(url).port], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/^corelanes web: cannot listen on 127\.0\.0\.1:\d+: port \d+ is already in use \(try --port 0\)$/);
  });
});
