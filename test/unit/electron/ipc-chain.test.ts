import { describe, expect, it } from 'vitest';
import { createBridgeService } from '../../../src/main/bridge';
import { APP_START_URL } from '../../../src/main/electron/app-url';
import type { BridgeEvent } from '../../../src/shared';
import { FakeEngine } from '../bridge/fake-engine';
import { simulatedIpc } from './simulated-ipc';

// The whole Electron path without Electron: the renderer's client → the
// preload API → an IPC stand-in that structured-clones like Electron's →
// the main-process wiring → the bridge service. Both ends of the contract
// must agree on channels, envelopes and events.

function chain(frameUrl = APP_START_URL) {
  const engine = new FakeEngine();
  const service = createBridgeService({ engine, presets: [], availability: async () => ({ available: true, reason: null }), log: () => undefined });
  return { client: simulatedIpc(service, frameUrl).openPage(), engine };
}

describe('renderer ↔ preload ↔ main over (simulated) IPC', () => {
  it('invokes commands, gets typed results and one-line errors, and receives events', async () => {
    const { client, engine } = chain();
    const events: BridgeEvent[] = [];
    client.subscribe((e) => events.push(e));
    expect((await client.invoke('machineInfo', {})).logicalCores).toBe(2);
    const { runId } = await client.invoke('startRun', { params: { kind: 'process', workers: 1 } });
    expect(events[0]).toMatchObject({ type: 'run-started', run: { runId } });
    engine.sessions[0]!.emit({ type: 'progress', runId, elapsedMs: 1, durationMs: 3000 });
    expect(events.at(-1)).toMatchObject({ type: 'progress', elapsedMs: 1 });
    await expect(client.invoke('startRun', { params: {} })).rejects.toThrow('A run is already going on');
    expect(await client.invoke('stopRun', {})).toEqual({ stopped: true });
    expect((await client.invoke('listScenarios', {})).map((s) => s.id)).toContain('plain-process');
  });

  it('a page from another origin gets nothing done', async () => {
    const { client, engine } = chain('https://evil.example/');
    await expect(client.invoke('startRun', { params: {} })).rejects.toThrow('Refused');
    expect(engine.sessions).toHaveLength(0);
  });
});
