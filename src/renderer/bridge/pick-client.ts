import type { BridgeClient } from '../../shared';
import { ElectronBridgeClient, isBridgeClient } from './electron-client';
import { bridgeUrl, WebSocketBridgeClient } from './websocket-client';

/** The transport is picked once at startup: the preload's bridge in Electron, else a WebSocket to this origin. */
export function pickClient(win: Window & { corelanes?: unknown }): { client: BridgeClient; transport: 'electron' | 'websocket' } {
  if (isBridgeClient(win.corelanes)) return { client: new ElectronBridgeClient(win.corelanes), transport: 'electron' };
  return { client: new WebSocketBridgeClient(bridgeUrl(win.location)), transport: 'websocket' };
}
