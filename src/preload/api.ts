// Direct file imports: the shared index would pull zod and every schema into the preload.
import { isPreloadCommandName } from '../shared/bridge/command-names';
import type { BridgeEvent } from '../shared/bridge/events';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_PREFIX, type IpcReply } from '../shared/bridge/menu';

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
 */
export function createCorelanesApi(ipc: IpcRendererLike): CorelanesApi {
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
      // Only the event, never Electron's IpcRendererEvent (it carries the sender).
      const handler = (_event: unknown, payload: unknown): void => listener(payload as BridgeEvent);
      ipc.on(IPC_EVENT_CHANNEL, handler);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(IPC_EVENT_CHANNEL, handler);
      };
    },
  });
}
