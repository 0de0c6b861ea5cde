// Direct file imports: the shared index would pull zod and every schema into the preload.
import { isPreloadCommandName } from '../shared/bridge/command-names';
import type { BridgeEvent } from '../shared/bridge/events';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_PREFIX, IPC_SUBSCRIBE_CHANNEL, type IpcReply } from '../shared/bridge/menu';

/** The part of ipcRenderer the preload uses (a parameter, so the API is unit tested without Electron). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface CorelanesApi {
  invoke(name: string, args: unknown): Promise<unknown>;
  subscribe(listener: (event: BridgeEvent) => void): () => void;
}

function isReply(value: unknown): value is IpcReply {
  return typeof value === 'object' && value !== null && typeof (value as IpcReply).ok === 'boolean';
}

/**
 * Exactly the bridge contract, nothing else: invoke(name, args) for a known
 * command name (each on its own channel) and subscribe(listener) returning a
 * disposer. No generic send, no ipcRenderer, no Node. The page validates
 * results and events itself (src/renderer/bridge/electron-client.ts).
 *
 * The preload holds no events: the page's first subscribe asks main for them
 * (IPC_SUBSCRIBE_CHANNEL), and main's bridge service replays the current run
 * (its one replay buffer) before the live events, as it does for a browser.
 */
export function createCorelanesApi(ipc: IpcRendererLike): CorelanesApi {
  const listeners = new Set<(event: BridgeEvent) => void>();
  let asked = false;
  const deliver = (listener: (event: BridgeEvent) => void, payload: unknown): void => {
    try {
      listener(payload as BridgeEvent);
    } catch (error) {
      console.error('[corelanes preload] an event listener threw:', error);
    }
  };
  // Only the event, never Electron's IpcRendererEvent (it carries the sender).
  ipc.on(IPC_EVENT_CHANNEL, (_event: unknown, payload: unknown) => {
    for (const listener of [...listeners]) deliver(listener, payload);
  });

  return Object.freeze({
    async invoke(name: string, args: unknown): Promise<unknown> {
      if (!isPreloadCommandName(name)) throw new Error(`Unknown command ${JSON.stringify(String(name)).slice(0, 80)}`);
      const reply = await ipc.invoke(`${IPC_INVOKE_PREFIX}${name}`, args);
      if (!isReply(reply)) throw new Error(`${name}: the main process answered outside the contract`);
      if (!reply.ok) throw new Error(reply.error);
      return reply.value;
    },
    subscribe(listener: (event: BridgeEvent) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('subscribe needs a function');
      const entry = (event: BridgeEvent): void => listener(event);
      listeners.add(entry);
      if (!asked) {
        asked = true;
        ipc.invoke(IPC_SUBSCRIBE_CHANNEL).catch((error: unknown) => console.error('[corelanes preload] could not subscribe to events:', error));
      }
      return () => void listeners.delete(entry);
    },
  });
}
