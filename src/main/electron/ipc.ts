import { ipcMain, type WebContents } from 'electron';
import { COMMAND_NAMES, IPC_EVENT_CHANNEL, IPC_INVOKE_PREFIX, type BridgeEvent, type BridgeService, type Disposer } from '../../shared';
import { isAppUrl } from './app-url';
import { createInvokeHandler } from './ipc-handlers';

/**
 * The bridge over Electron IPC: one ipcMain.handle per command name (no
 * generic channel), each checking that the sending frame is the app's own
 * page before the service validates the payload; events go to the window
 * on one channel. Returns a disposer.
 */
export interface BridgeIpc {
  /** Call when the page's DOM is ready: it gets the current run replayed, then live events. */
  attachPage(): void;
  /** Call when the page starts (re)loading: nothing is sent until it is ready again (the replay covers the gap). */
  detachPage(): void;
  dispose: Disposer;
}

export function registerBridgeIpc(service: BridgeService, target: () => WebContents | null, log: (line: string) => void): BridgeIpc {
  const handle = createInvokeHandler(service, { isTrustedSender: isAppUrl, log });
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(`${IPC_INVOKE_PREFIX}${name}`, (event, args: unknown) => handle(name, event.senderFrame?.url, args));
  }
  const send = (event: BridgeEvent): void => {
    const contents = target();
    if (contents && !contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(IPC_EVENT_CHANNEL, event);
  };
  let unsubscribe: Disposer = () => undefined;
  return {
    attachPage() {
      unsubscribe();
      unsubscribe = service.subscribe(send); // the service replays the latest run to a new subscriber
    },
    detachPage() {
      unsubscribe();
      unsubscribe = () => undefined;
    },
    dispose() {
      unsubscribe();
      for (const name of COMMAND_NAMES) ipcMain.removeHandler(`${IPC_INVOKE_PREFIX}${name}`);
    },
  };
}

/** Sends a menu action to the page on the event channel (the contract's 'menu' event). */
export function sendMenuAction(contents: WebContents | null, event: Extract<BridgeEvent, { type: 'menu' }>): void {
  if (contents && !contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(IPC_EVENT_CHANNEL, event);
}
