import { describe, expect, it } from 'vitest';
import { createBridgeService } from '../../../src/main/bridge';
import { APP_START_URL } from '../../../src/main/electron/app-url';
import { wireBridgeIpc, type IpcMainLike, type PageLike } from '../../../src/main/electron/ipc-wiring';
import { createCorelanesApi, type IpcRendererLike } from '../../../src/preload/api';
import { ElectronBridgeClient } from '../../../src/renderer/bridge/electron-client';
import type { BridgeClient, BridgeEvent } from '../../../src/shared';
import { FakeEngine } from '../bridge/fake-engine';

// The whole Electron path without Electron: the renderer's client → the
// preload API → an IPC stand-in that structured-clones like Electron's →
// the main-process wiring → the bridge service. Both ends of the contract
// must agree on channels, envelopes and events.

function chain(frameUrl = APP_START_URL) {
  const handlers = new Map<string, Parameters<IpcMainLike['handle']>[1]>();
  const rendererListeners = new Map<string, Set<(e: unknown, ...a: unknown[]) => void>>();
  const ipcMain: IpcMainLike = { handle: (c, h) => void handlers.set(c, h), removeHandler: (c) => void handlers.delete(c) };
  const ipcRenderer: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return structuredClone(await handler({ senderFrame: { url: frameUrl } }, ...args.map((a) => structuredClone(a))));
    },
    on: (c, l) => void rendererListeners.set(c, (rendererListeners.get(c) ?? new Set()).add(l)),
    removeListener: (c, l) => void rendererListeners.get(c)?.delete(l),
  };
  const page: PageLike = {
    isDestroyed: () => false,
    getURL: () => APP_START_URL,
    send: (c, ...args) => rendererListeners.get(c)?.forEach((l) => l({}, ...args.map((a) => structuredClone(a)))),
  };
  const engine = new FakeEngine();
  const service = createBridgeService({ engine, presets: [], availability: async () => ({ available: true, reason: null }), log: () => undefined });
  const wiring = wireBridgeIpc(ipcMain, service, () => page, () => undefined);
  const api = createCorelanesApi(ipcRenderer); // the preload runs before the page
  wiring.attachPage(); // dom-ready
  // The page sees window.corelanes as unknown and checks it with isBridgeClient; the cast stands for that.
  const client = new ElectronBridgeClient(api as unknown as BridgeClient, () => undefined);
  return { client, engine };
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
