import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebMode, type WebMode } from '../../../src/main/web';
import { bridgeClient } from '../../support/bridge-client';
import { realEngine } from '../../support/engine';
import { lifecycleCounts } from '../../support/lifecycle';
import { until } from '../../support/until';

// A run's start and end over the real WebSocket transport, from the real
// engine: exactly one run-started and one run-ended per run, for a browser
// that watched from the start and for one that joined in the middle.

let mode: WebMode | null = null;
afterEach(async () => {
  await mode?.close();
  mode = null;
});

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
