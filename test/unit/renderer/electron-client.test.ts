import { describe, expect, it } from 'vitest';
import type { BridgeClient, BridgeEvent } from '../../../src/shared';
import { ElectronBridgeClient, isBridgeClient } from '../../../src/renderer/bridge/electron-client';

describe('ElectronBridgeClient', () => {
  it('validates events from the preload, dropping bad ones', () => {
    let emit: (e: unknown) => void = () => undefined;
    const api = {
      invoke: async () => ({ stopped: true }),
      subscribe: (l: (e: unknown) => void) => {
        emit = l;
        return () => undefined;
      },
    } as unknown as BridgeClient;
    const logs: string[] = [];
    const client = new ElectronBridgeClient(api, (m) => logs.push(m));
    const seen: BridgeEvent[] = [];
    client.subscribe((e) => seen.push(e));
    emit({ type: 'nope' });
    emit({ type: 'error', message: 'ok', runId: null });
    expect(seen).toHaveLength(1);
    expect(client.rejectedEvents).toBe(1);
    expect(logs[0]).toMatch(/dropped/);
  });

  it('validates results and recognises a preload bridge', async () => {
    const api = { invoke: async () => ({ stopped: 'no' }), subscribe: () => () => undefined } as unknown as BridgeClient;
    await expect(new ElectronBridgeClient(api).invoke('stopRun', {})).rejects.toThrow(/unexpected/);
    expect(isBridgeClient(api)).toBe(true);
    expect(isBridgeClient({})).toBe(false);
    expect(isBridgeClient(undefined)).toBe(false);
  });
});
