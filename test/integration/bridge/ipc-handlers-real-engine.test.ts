import { afterEach, describe, expect, it } from 'vitest';
import { createBridgeService } from '../../../src/main/bridge';
import { builtEntryPaths, missingEntries } from '../../../src/main/cli/built-entries';
import { APP_START_URL, isAppUrl } from '../../../src/main/electron/app-url';
import { createInvokeHandler } from '../../../src/main/electron/ipc-handlers';
import { createEngine, createNodeForkLauncher, type Engine } from '../../../src/main/engine';
import type { BridgeEvent, BridgeService, Task } from '../../../src/shared';
import { until } from '../../support/until';
import { isAlive } from '../../support/proc';

// What the Electron shell wires, minus Electron: the IPC handler body over the
// bridge service and the real engine, with the plain-Node process host in
// place of utilityProcess.fork (the same process entry runs under both).

let engine: Engine | null = null;
let service: BridgeService | null = null;
afterEach(async () => {
  await service?.dispose();
  await engine?.dispose();
});

describe('Electron IPC handlers over the real engine', () => {
  it('run only for the app page, validate payloads, and leave no process behind on quit', async () => {
    const entries = builtEntryPaths();
    expect(missingEntries(entries)).toBeNull();
    engine = createEngine({ entries, launcher: createNodeForkLauncher() });
    service = createBridgeService({ engine, presets: [], log: () => undefined });
    const events: BridgeEvent[] = [];
    service.subscribe((e) => events.push(e));
    const handle = createInvokeHandler(service, { isTrustedSender: isAppUrl, log: () => undefined });

    expect(await handle('startRun', 'https://evil.example/', { params: { kind: 'process', workers: 2 } })).toMatchObject({ ok: false });
    expect(await handle('startRun', APP_START_URL, { params: { kind: 'process', workers: 65 } })).toMatchObject({ ok: false, error: expect.stringContaining('at most 64') });
    expect(events).toHaveLength(0);

    const started = await handle('startRun', APP_START_URL, { params: { kind: 'process', workers: 2, workload: 'io', durationS: 60 } });
    expect(started).toMatchObject({ ok: true, value: { runId: expect.any(String) } });
    const pids = await until('two worker processes', () => {
      const tasks = new Map<string, Task>();
      for (const e of events) if (e.type === 'task') tasks.set(e.task.id, e.task);
      const p = [...tasks.values()].filter((t) => t.kind === 'process' && t.pid !== null && t.startedMs !== null).map((t) => t.pid!);
      return p.length === 2 && p;
    });
    expect(pids.every(isAlive)).toBe(true);

    // What app.ts does on before-quit.
    await service.dispose();
    await engine.dispose();
    await until('every worker process gone', () => pids.every((pid) => !isAlive(pid)), 5000);
    expect(events.filter((e) => e.type === 'run-ended')).toHaveLength(1);
  });
});
