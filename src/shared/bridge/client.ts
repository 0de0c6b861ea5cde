import type { BridgeEvent } from './events';
import type { Caller } from './access';
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
  /**
   * Checks that `caller` may send the command (COMMAND_ACCESS), validates
   * args, runs it, validates the result. Throws Error with a user-facing
   * message. A transport passes its caller; the front end's own code may
   * leave it out (IN_PROCESS_CALLER).
   */
  invoke(name: string, args: unknown, caller?: Caller): Promise<unknown>;
  /**
   * Every event of the current run first (the one replay buffer), then live
   * ones.
   */
  subscribe(listener: (event: BridgeEvent) => void): Disposer;
  /** A connection closed (web mode): its prediction leaves the room. */
  disconnected?(caller: Caller): void;
  /** The exercise folders changed (the Electron shell opened one): pages list them again. */
  exercisesChanged?(): void;
  dispose(): Promise<void>;
}

