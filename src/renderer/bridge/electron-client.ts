import type { BridgeClient, BridgeEvent, CommandArgs, CommandName, CommandResult, Disposer } from '../../shared';
import { checkArgs, checkResult, decodeEvent } from './validate';

/** True when the preload exposed the bridge (window.corelanes) with the two functions of BridgeClient. */
export function isBridgeClient(value: unknown): value is BridgeClient {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<BridgeClient>;
  return typeof v.invoke === 'function' && typeof v.subscribe === 'function';
}

/**
 * BridgeClient over Electron IPC: wraps the preload's window.corelanes and
 * validates at this end too (arguments before sending, results and events on
 * receipt), exactly as the WebSocket client does.
 */
export class ElectronBridgeClient implements BridgeClient {
  rejectedEvents = 0;

  constructor(
    private readonly api: BridgeClient,
    private readonly log: (m: string) => void = (m) => console.warn(`[corelanes bridge] ${m}`),
  ) {}

  async invoke<N extends CommandName>(name: N, args: CommandArgs<N>): Promise<CommandResult<N>> {
    checkArgs(name, args);
    const value: unknown = await this.api.invoke(name, args);
    return checkResult(name, value);
  }

  subscribe(listener: (event: BridgeEvent) => void): Disposer {
    return this.api.subscribe((raw: unknown) => {
      const decoded = decodeEvent(raw);
      if (!decoded.ok) {
        this.rejectedEvents++;
        this.log(`dropped an event from the main process: ${decoded.error}`);
        return;
      }
      listener(decoded.value);
    });
  }
}
