import type { BridgeClient } from '../../shared';
import { ElectronBridgeClient, isBridgeClient } from './electron-client';
import { takePageToken } from './page-token';
import { bridgeUrl, WebSocketBridgeClient } from './websocket-client';

export interface PickedClient {
  client: BridgeClient;
  transport: 'electron' | 'websocket';
  /** Whether ?autostart=1 may start a run: the Electron page always; a browser only with the token in the link just opened. */
  mayAutostart: boolean;
}

/** The transport is picked once at startup: the preload's bridge in Electron, else a WebSocket to this origin with the link's token. */
export function pickClient(win: Window & { corelanes?: unknown }): PickedClient {
  if (isBridgeClient(win.corelanes)) return { client: new ElectronBridgeClient(win.corelanes), transport: 'electron', mayAutostart: true };
  let storage: Storage | null = null;
  try {
    storage = win.sessionStorage;
  } catch {
    storage = null;
  }
  const { token, fromLink } = takePageToken(win.location, win.history, storage);
  return { client: new WebSocketBridgeClient(bridgeUrl(win.location), { token }), transport: 'websocket', mayAutostart: fromLink };
}
