import { EventEmitter } from 'node:events';
import type { App, Protocol } from 'electron';
import { describe, expect, it, vi } from 'vitest';

// app.ts's quit wiring against a stand-in of Electron's app, typed by Electron's App.

type FakeApp = Pick<App, 'requestSingleInstanceLock' | 'enableSandbox' | 'whenReady' | 'exit' | 'quit'> & EventEmitter;
const fakeApp = Object.assign(new EventEmitter(), {
  requestSingleInstanceLock: () => true,
  enableSandbox: () => undefined,
  whenReady: () => new Promise<void>(() => undefined), // never ready: nothing started yet
  exit: vi.fn<(code?: number) => void>(),
  quit: vi.fn<() => void>(),
}) as FakeApp;
const fakeProtocol: Pick<Protocol, 'registerSchemesAsPrivileged'> = { registerSchemesAsPrivileged: () => undefined };
vi.mock('electron', () => ({ app: fakeApp, protocol: fakeProtocol }));
const { startApp } = await import('../../../src/main/electron/app');

describe('quitting the app', () => {
  it('before-quit is held once, cleanup runs, then the app exits with 0 (no second before-quit)', async () => {
    startApp();
    const first = { preventDefault: vi.fn() };
    fakeApp.emit('before-quit', first);
    expect(first.preventDefault).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(fakeApp.exit).toHaveBeenCalledWith(0));
    const again = { preventDefault: vi.fn() };
    fakeApp.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
    expect(fakeApp.exit).toHaveBeenCalledOnce();
  });
});
