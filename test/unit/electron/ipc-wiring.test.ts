import { describe, expect, it } from 'vitest';
import { createBridgeService } from '../../../src/main/bridge';
import { APP_START_URL } from '../../../src/main/electron/app-url';
import { wireBridgeIpc, type IpcMainLike, type PageLike } from '../../../src/main/electron/ipc-wiring';
import { COMMAND_NAMES, IPC_EVENT_CHANNEL, IPC_INVOKE_PREFIX, IPC_SUBSCRIBE_CHANNEL } from '../../../src/shared';
import { FakeEngine } from '../bridge/fake-engine';

type Handler = Parameters<IpcMainLike['handle']>[1];

function setup(pageUrl = APP_START_URL) {
  const handlers = new Map<string, Handler>();
  const ipc: IpcMainLike = { handle: (channel, h) => void handlers.set(channel, h), removeHandler: (channel) => void handlers.delete(channel) };
  const sent: unknown[] = [];
  const page: PageLike = { isDestroyed: () => false, getURL: () => pageUrl, send: (channel, event) => sent.push([channel, event]) };
  const engine = new FakeEngine();
  const service = createBridgeService({ engine, presets: [], availability: async () => ({ available: true, reason: null }), log: () => undefined });
  const wiring = wireBridgeIpc(ipc, service, () => page, () => undefined);
  const call = (name: string, frameUrl: string | null, args: unknown) => handlers.get(`${IPC_INVOKE_PREFIX}${name}`)!({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, args);
  return { handlers, sent, wiring, call, engine };
}

describe('Electron IPC wiring', () => {
  it('registers exactly one channel per command and the subscribe channel, and removes them all', () => {
    const { handlers, wiring } = setup();
    expect([...handlers.keys()].sort()).toEqual([...COMMAND_NAMES.map((n) => `${IPC_INVOKE_PREFIX}${n}`), IPC_SUBSCRIBE_CHANNEL].sort());
    wiring.dispose();
    expect(handlers.size).toBe(0);
  });

  it('checks the sending frame, then runs the command', async () => {
    const { call, engine } = setup();
    expect(await call('startRun', null, { params: {} })).toMatchObject({ ok: false });
    expect(await call('startRun', 'https://evil.example/', { params: {} })).toMatchObject({ ok: false });
    expect(engine.sessions).toHaveLength(0);
    expect(await call('startRun', APP_START_URL, { params: {} })).toMatchObject({ ok: true, value: { runId: 'run-1' } });
  });

  it('sends events only to an attached page showing the app, replaying the current run on attach', async () => {
    const { call, sent, wiring } = setup();
    await call('startRun', APP_START_URL, { params: {} });
    expect(sent).toEqual([]); // not attached yet (page still loading)
    wiring.attachPage();
    expect(sent).toEqual([[IPC_EVENT_CHANNEL, expect.objectContaining({ type: 'run-started' })]]);
    wiring.detachPage();
    await call('stopRun', APP_START_URL, {});
    expect(sent).toHaveLength(1);
  });

  it('never sends events to a page that navigated elsewhere', async () => {
    const { call, sent, wiring } = setup('https://evil.example/');
    wiring.attachPage();
    await call('machineInfo', APP_START_URL, {});
    await call('startRun', APP_START_URL, { params: {} });
    expect(sent).toEqual([]);
  });

  it('attaches the page when it subscribes, replaying the current run; refuses a frame that is not the app', async () => {
    const { call, sent, handlers } = setup();
    await call('startRun', APP_START_URL, { params: {} });
    const subscribe = handlers.get(IPC_SUBSCRIBE_CHANNEL)!;
    expect(await subscribe({ senderFrame: { url: 'https://evil.example/' } })).toMatchObject({ ok: false });
    expect(sent).toEqual([]);
    expect(await subscribe({ senderFrame: { url: APP_START_URL } })).toEqual({ ok: true, value: null });
    expect(sent).toEqual([[IPC_EVENT_CHANNEL, expect.objectContaining({ type: 'run-started' })]]);
  });
});
