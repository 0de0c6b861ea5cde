import { ipcMain, type WebContents } from 'electron';
import type { BridgeEvent, BridgeService } from '../../shared';
import { sendToPage, wireBridgeIpc, type BridgeIpc } from './ipc-wiring';

export type { BridgeIpc } from './ipc-wiring';

/** The bridge on Electron's ipcMain (logic in ipc-wiring.ts). */
export function registerBridgeIpc(service: BridgeService, target: () => WebContents | null, log: (line: string) => void): BridgeIpc {
  return wireBridgeIpc(ipcMain, service, target, log);
}

/** Sends a menu action to the page on the event channel (the contract's 'menu' event). */
export function sendMenuAction(contents: WebContents | null, event: Extract<BridgeEvent, { type: 'menu' }>): void {
  sendToPage(contents, event);
}
