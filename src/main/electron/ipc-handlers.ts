import type { BridgeService, Caller, CommandName, IpcReply } from '../../shared';
import { userMessage } from '../bridge/messages';

/** The app's own page, once its sender is checked, is the leader: it is the user's own window. */
const APP_PAGE: Caller = { role: 'leader', transport: 'ipc' };

export interface InvokeHandlerOptions {
  /** Whether the frame that sent the request is the app's own page. */
  isTrustedSender(frameUrl: string | undefined): boolean;
  log(line: string): void;
}

/**
 * The body of every ipcMain.handle of the bridge (one channel per command):
 * refuses frames that are not the app's own page, lets the service validate
 * the payload with the contract's schema, and answers with an envelope, so
 * the page gets the service's own one-line message.
 */
export function createInvokeHandler(service: BridgeService, options: InvokeHandlerOptions) {
  return async (name: CommandName, frameUrl: string | undefined, args: unknown): Promise<IpcReply> => {
    if (!options.isTrustedSender(frameUrl)) {
      options.log(`ipc: refused ${name} from ${JSON.stringify(String(frameUrl).slice(0, 200))}: not the app's own page`);
      return { ok: false, error: 'Refused: this page may not use Corelanes' };
    }
    try {
      return { ok: true, value: await service.invoke(name, args, APP_PAGE) };
    } catch (error) {
      return { ok: false, error: userMessage(error) };
    }
  };
}
