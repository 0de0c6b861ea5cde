import type { BridgeEvent } from './events';
import type { CommandArgs, CommandName, CommandResult } from './commands';

export type Disposer = () => void;

/**
 * What the renderer sees, whatever the transport: the preload exposes exactly
 * this on window.corelanes; the WebSocket client implements it too.
 */
export interface BridgeClient {
  invoke<N extends CommandName>(name: N, args: CommandArgs<N>): Promise<CommandResult<N>>;
  subscribe(listener: (event: BridgeEvent) => void): Disposer;
}

/** The engine side: one service per app, shared by the IPC and WebSocket servers. */
export interface BridgeService {
  /** Validates args, runs the command, validates the result. Throws Error with a user-facing message. */
  invoke(name: string, args: unknown): Promise<unknown>;
  subscribe(listener: (event: BridgeEvent) => void): Disposer;
  dispose(): Promise<void>;
}
