import type { Disposer } from '../../shared';

export type ConnectionState = 'connecting' | 'open' | 'closed';

/** Optional extra of a client whose link can drop (the WebSocket); the UI shows it. */
export interface ConnectionStatus {
  readonly state: ConnectionState;
  onState(listener: (state: ConnectionState) => void): Disposer;
}

export function hasConnectionStatus(client: unknown): client is ConnectionStatus {
  return typeof client === 'object' && client !== null && 'onState' in client && typeof (client as ConnectionStatus).onState === 'function';
}
