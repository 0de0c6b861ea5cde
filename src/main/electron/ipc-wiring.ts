import { COMMAND_NAMES, IPC_EVENT_CHANNEL, IPC_INVOKE_PREFIX, IPC_SUBSCRIBE_CHANNEL, type BridgeEvent, type BridgeService, type Disposer, type IpcReply } from '../../shared';
import { isAppUrl } from './app-url';
import { createInvokeHandler } from './ipc-handlers';

/** The parts of ipcMain and WebContents the bridge uses (so the wiring is tested without Electron). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame?: { url: string } | null }, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}
export interface PageLike {
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
}

export interface BridgeIpc {
  /** The page subscribed (IPC_SUBSCRIBE_CHANNEL): it gets the current run replayed, then live events. */
  attachPage(): void;
  /** Call when the page starts (re)loading: nothing is sent until it is ready again (the replay covers the gap). */
  detachPage(): void;
  dispose: Disposer;
}

/** Sends an event to the page only while it shows the app's own origin. */
export function sendToPage(page: PageLike | null, event: BridgeEvent): void {
  if (page && !page.isDestroyed() && isAppUrl(page.getURL())) page.send(IPC_EVENT_CHANNEL, event);
}

/**
 * The bridge over Electron IPC: one ipcMain.handle per command name (no
 * generic channel), each checking that the sending frame is the app's own
 * page before the service validates the payload; events go to the window on
 * one channel, from the moment the page asks for them (IPC_SUBSCRIBE_CHANNEL).
 */
export function wireBridgeIpc(ipc: IpcMainLike, service: BridgeService, page: () => PageLike | null, log: (line: string) => void): BridgeIpc {
  const handle = createInvokeHandler(service, { isTrustedSender: isAppUrl, log });
  for (const name of COMMAND_NAMES) {
    ipc.handle(`${IPC_INVOKE_PREFIX}${name}`, (event, args: unknown) => handle(name, event.senderFrame?.url, args));
  }
  const send = (event: BridgeEvent): void => sendToPage(page(), event);
  let unsubscribe: Disposer = () => undefined;
  const attachPage = (): void => {
    unsubscribe();
    unsubscribe = service.subscribe(send); // the service replays the latest run to a new subscriber
  };
  ipc.handle(IPC_SUBSCRIBE_CHANNEL, (event): IpcReply => {
    const url = event.senderFrame?.url;
    if (!isAppUrl(url)) {
      log(`ipc: refused a subscription from ${JSON.stringify(String(url).slice(0, 200))}: not the app's own page`);
      return { ok: false, error: 'Refused: this page may not use Corelanes' };
    }
    attachPage();
    return { ok: true, value: null };
  });
  return {
    attachPage,
    detachPage() {
      unsubscribe();
      unsubscribe = () => undefined;
    },
    dispose() {
      unsubscribe();
      for (const name of COMMAND_NAMES) ipc.removeHandler(`${IPC_INVOKE_PREFIX}${name}`);
      ipc.removeHandler(IPC_SUBSCRIBE_CHANNEL);
    },
  };
}
