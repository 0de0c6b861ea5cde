import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebMode, type WebMode } from '../../../src/main/web';
import type { Task } from '../../../src/shared';
import { bridgeClient } from '../../support/bridge-client';
import { lifecycleCounts } from '../../support/lifecycle';
import { realEngine } from '../../support/engine';
import { until } from '../../support/until';
import { isAlive } from '../../support/proc';

// The real engine behind web mode: worker processes forked from the built
// entries (npm run build), sampled from /proc, streamed over a real WebSocket.

let mode: WebMode | null = null;

afterEach(async () => {
  await mode?.close();
  mode = null;
});

describe('web mode with the real engine', () => {
  it('streams a run of real processes and ends them all when web mode closes', async () => {
    const engine = realEngine();
    mode = await startWebMode({ engine, port: 0, rendererDir: resolve('out/renderer'), log: () => undefined });
    const c = bridgeClient(`ws://127.0.0.1:${mode.server.port}/bridge`);
    await c.opened;

    const { runId } = (await c.invoke('startRun', { params: { kind: 'process', workers: 2, workload: 'io', durationS: 60 } })) as { runId: string };
    const tasks = () => {
      const byId = new Map<string, Task>();
      for (const e of c.events()) if (e.type === 'task') byId.set(e.task.id, e.task);
      return [...byId.values()].filter((t) => t.kind === 'process');
    };
    const workers = await until('two worker processes with pids', () => {
      const t = tasks().filter((task) => task.pid !== null && task.startedMs !== null);
      return t.length === 2 && t;
    });
    const pids = workers.map((t) => t.pid!);
    expect(pids.every(isAlive)).toBe(true);
    expect(new Set(pids).size).toBe(2);
    expect(c.events()[0]).toMatchObject({ type: 'run-started', run: { runId } });
    await until('segments of those processes', () => c.events().some((e) => e.type === 'segments' && e.segments.some((s) => workers.some((w) => w.id === s.taskId))));
    await expect(c.invoke('startRun', { params: {} })).rejects.toThrow('already going on');

    const closed = new Promise((r) => c.ws.once('close', r));
    await mode.close();
    mode = null;
    await closed;
    expect(c.events().filter((e) => e.type === 'run-ended')).toMatchObject([{ runId, reason: 'stopped' }]);
    await until('every worker process gone', () => pids.every((pid) => !isAlive(pid)), 5000);
  });
});

// A run's start and end over the real WebSocket, from the real engine: exactly one
// run-started and one run-ended per run, for a browser that watched from the start
// and for one that joined in the middle.
describe('web mode: one run-started and one run-ended per run', () => {
  it('for the browser that started it and for a late joiner', async () => {
    mode = await startWebMode({ engine: realEngine(), port: 0, rendererDir: resolve('out/renderer'), log: () => undefined });
    const url = `ws://127.0.0.1:${mode.server.port}/bridge`;
    const leader = bridgeClient(url);
    await leader.opened;
    const { runId } = (await leader.invoke('startRun', { params: { kind: 'thread', workers: 1, workload: 'io', durationS: 1 } })) as { runId: string };
    await until('the first segments', () => leader.events().some((e) => e.type === 'segments'));
    const joiner = bridgeClient(url);
    await joiner.opened;
    await until('run-ended at both', () => [leader, joiner].every((c) => c.events().some((e) => e.type === 'run-ended')), 30_000);
    await new Promise((r) => setTimeout(r, 200)); // nothing more may come
    for (const c of [leader, joiner]) expect([...lifecycleCounts(c.events())]).toEqual([[runId, { started: 1, ended: 1 }]]);
    expect(joiner.events()[0]).toMatchObject({ type: 'run-started', run: { runId } });
    expect(joiner.events().findIndex((e) => e.type === 'segments')).toBeGreaterThan(0);
    leader.ws.close();
    joiner.ws.close();
  });
});
