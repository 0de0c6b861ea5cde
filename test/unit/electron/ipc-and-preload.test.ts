import { describe, expect, it, vi } from 'vitest';
import { createBridgeService } from '../../../src/main/bridge';
import { APP_START_URL, isAppUrl } from '../../../src/main/electron/app-url';
import { createInvokeHandler } from '../../../src/main/electron/ipc-handlers';
import { createCorelanesApi, type IpcRendererLike } from '../../../src/preload/api';
import { COMMAND_NAMES, IPC_EVENT_CHANNEL, IPC_SUBSCRIBE_CHANNEL, PRELOAD_COMMAND_NAMES, type BridgeEvent } from '../../../src/shared';
import { FakeEngine } from '../bridge/fake-engine';

describe('app origin', () => {
  it.each([
    [APP_START_URL, true],
    ['app://corelanes/assets/x.js?y=1', true],
    ['app://evil/index.html', false],
    ['app://user:pw@corelanes/', false],
    ['https://corelanes/', false],
    ['file:///work/main/out/renderer/index.html', false],
    ['http://127.0.0.1:5173/', false],
    ['devtools://devtools/bundled/inspector.html', false],
    ['not a url', false],
    [undefined, false],
  ])('%s is the app: %s', (url, ok) => expect(isAppUrl(url)).toBe(ok));
});

describe('main-process IPC handler', () => {
  const setup = () => {
    const engine = new FakeEngine();
    const logged: string[] = [];
    const service = createBridgeService({ engine, presets: [], log: () => undefined });
    const handle = createInvokeHandler(service, { isTrustedSender: isAppUrl, log: (l) => logged.push(l) });
    return { engine, handle, logged };
  };

  it('runs a valid command from the app page', async () => {
    const { handle } = setup();
    expect(await handle('machineInfo', APP_START_URL, {})).toMatchObject({ ok: true, value: { logicalCores: 2 } });
  });

  it('refuses a frame that is not the app, before anything runs', async () => {
    const { handle, engine, logged } = setup();
    const reply = await handle('startRun', 'https://evil.example/', { params: {} });
    expect(reply).toEqual({ ok: false, error: 'Refused: this page may not use Corelanes' });
    expect(engine.sessions).toHaveLength(0);
    expect(logged[0]).toContain('evil.example');
    expect((await handle('startRun', undefined, { params: {} })).ok).toBe(false);
  });

  it.each([
    ['startRun', { params: { workers: 0 } }, 'workers must be at least 1'],
    ['startRun', null, 'params'],
    ['loadTrace', { text: 'x'.repeat(10) }, 'not JSON'],
    ['addWorker', { kind: 'fork-bomb' }, 'kind'],
  ] as const)('answers a bad %s payload %j with one line', async (name, args, fragment) => {
    const { handle, engine } = setup();
    const reply = await handle(name, APP_START_URL, args);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error).toContain(fragment);
      expect(reply.error).not.toContain('\n');
    }
    expect(engine.sessions).toHaveLength(0);
  });
});

describe('preload API', () => {
  function fakeIpc(reply: unknown = { ok: true, value: 42 }) {
    const listeners = new Map<string, Set<(e: unknown, ...a: unknown[]) => void>>();
    const ipc: IpcRendererLike & { emit(channel: string, payload: unknown): void } = {
      invoke: vi.fn(async () => reply),
      on: (channel, l) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(l)),
      removeListener: (channel, l) => listeners.get(channel)?.delete(l),
      emit: (channel, payload) => listeners.get(channel)?.forEach((l) => l({ sender: 'secret' }, payload)),
    };
    return ipc;
  }

  it('exposes exactly invoke and subscribe, frozen', () => {
    const api = createCorelanesApi(fakeIpc());
    expect(Object.keys(api).sort()).toEqual(['invoke', 'subscribe']);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('knows the same command names as the contract', () => {
    expect([...PRELOAD_COMMAND_NAMES].sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it('sends each command on its own channel and unwraps the reply', async () => {
    const ipc = fakeIpc({ ok: true, value: { stopped: false } });
    const api = createCorelanesApi(ipc);
    expect(await api.invoke('stopRun', {})).toEqual({ stopped: false });
    expect(ipc.invoke).toHaveBeenCalledWith('corelanes:invoke:stopRun', {});
  });

  it('never sends an unknown name (no generic channel)', async () => {
    const ipc = fakeIpc();
    const api = createCorelanesApi(ipc);
    for (const name of ['send', 'constructor', '__proto__', '../x', 'startRun2']) await expect(api.invoke(name, {})).rejects.toThrow('Unknown command');
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('turns an error reply into a rejected promise with its message, and junk into an error', async () => {
    await expect(createCorelanesApi(fakeIpc({ ok: false, error: 'No run is going on' })).invoke('addWorker', {})).rejects.toThrow('No run is going on');
    await expect(createCorelanesApi(fakeIpc('junk')).invoke('addWorker', {})).rejects.toThrow('outside the contract');
  });

  it('passes events without the IPC event object, and the disposer stops them', () => {
    const ipc = fakeIpc();
    const api = createCorelanesApi(ipc);
    const seen: unknown[] = [];
    const off = api.subscribe((e) => seen.push(e));
    const event: BridgeEvent = { type: 'menu', action: 'start-run' };
    ipc.emit(IPC_EVENT_CHANNEL, event);
    off();
    off();
    ipc.emit(IPC_EVENT_CHANNEL, event);
    expect(seen).toEqual([event]);
  });

  it('holds no events: the first subscribe asks main for them (main replays the current run), once per page', () => {
    const ipc = fakeIpc();
    const api = createCorelanesApi(ipc);
    ipc.emit(IPC_EVENT_CHANNEL, { type: 'progress', runId: 'r', elapsedMs: 1, durationMs: 2 }); // before anyone listens: not kept
    expect(ipc.invoke).not.toHaveBeenCalled();
    const seen: unknown[] = [];
    api.subscribe((e) => seen.push(e));
    api.subscribe(() => undefined);
    expect(ipc.invoke).toHaveBeenCalledTimes(1);
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_SUBSCRIBE_CHANNEL);
    const live: BridgeEvent = { type: 'progress', runId: 'r', elapsedMs: 2, durationMs: 2 };
    ipc.emit(IPC_EVENT_CHANNEL, live);
    expect(seen).toEqual([live]);
  });

  it('a throwing listener does not stop the others', () => {
    const ipc = fakeIpc();
    const api = createCorelanesApi(ipc);
    const seen: unknown[] = [];
    api.subscribe(() => {
      throw new Error('boom');
    });
    api.subscribe((e) => seen.push(e));
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    ipc.emit(IPC_EVENT_CHANNEL, { type: 'menu', action: 'stop-run' });
    spy.mockRestore();
    expect(seen).toHaveLength(1);
  });
});
