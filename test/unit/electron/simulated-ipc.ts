import { APP_START_URL } from '../../../src/main/electron/app-url';
import { wireBridgeIpc, type BridgeIpc, type IpcMainLike, type PageLike } from '../../../src/main/electron/ipc-wiring';
import { createCorelanesApi, type IpcRendererLike } from '../../../src/preload/api';
import { ElectronBridgeClient } from '../../../src/renderer/bridge/electron-client';
import type { BridgeClient, BridgeService } from '../../../src/shared';

/**
 * The whole Electron path without Electron: the main-process wiring on an
 * ipcMain stand-in, and pages (renderer client → preload API → an IPC stand-in
 * that structured-clones like Electron's). A reload is a new page: main
 * detaches the old one, the new preload runs, and the page subscribes again.
 */
export function simulatedIpc(service: BridgeService, frameUrl = APP_START_URL) {
  const handlers = new Map<string, Parameters<IpcMainLike['handle']>[1]>();
  const ipcMain: IpcMainLike = { handle: (c, h) => void handlers.set(c, h), removeHandler: (c) => void handlers.delete(c) };
  let current: PageLike | null = null;
  const wiring: BridgeIpc = wireBridgeIpc(ipcMain, service, () => current, () => undefined);

  /** A page loading: its preload runs at once; the page's client is what window.corelanes gives the renderer. */
  const openPage = (): BridgeClient => {
    wiring.detachPage(); // did-start-loading
    const rendererListeners = new Map<string, Set<(e: unknown, ...a: unknown[]) => void>>();
    const ipcRenderer: IpcRendererLike = {
      invoke: async (channel, ...args) => {
        const handler = handlers.get(channel);
        if (!handler) throw new Error(`No handler registered for '${channel}'`);
        return structuredClone(await handler({ senderFrame: { url: frameUrl } }, ...args.map((a) => structuredClone(a))));
      },
      on: (c, l) => void rendererListeners.set(c, (rendererListeners.get(c) ?? new Set()).add(l)),
      removeListener: (c, l) => void rendererListeners.get(c)?.delete(l),
    };
    current = {
      isDestroyed: () => false,
      getURL: () => APP_START_URL,
      send: (c, ...args) => rendererListeners.get(c)?.forEach((l) => l({}, ...args.map((a) => structuredClone(a)))),
    };
    const api = createCorelanesApi(ipcRenderer);
    // The page sees window.corelanes as unknown and checks it with isBridgeClient; the cast stands for that.
    return new ElectronBridgeClient(api as unknown as BridgeClient, () => undefined);
  };
  return { openPage, wiring };
}
