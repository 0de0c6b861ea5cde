import type { Disposer, Role } from '../../shared';

export type ConnectionState = 'connecting' | 'open' | 'closed';

/** Optional extra of a client whose link can drop (the WebSocket); the UI shows it. */
export interface ConnectionStatus {
  readonly state: ConnectionState;
  onState(listener: (state: ConnectionState) => void): Disposer;
}

export function hasConnectionStatus(client: unknown): client is ConnectionStatus {
  return typeof client === 'object' && client !== null && 'onState' in client && typeof (client as ConnectionStatus).onState === 'function';
}

/** Optional extra of a client whose server tells it its role (web mode's hello); a client without it is the leader (the Electron page). */
export interface RoleStatus {
  /** Null until the server said. */
  readonly role: Role | null;
  /** False when the page has no token at all (opened without the printed link): it cannot connect. */
  readonly hasToken: boolean;
  onRole(listener: (role: Role) => void): Disposer;
}

export function hasRoleStatus(client: unknown): client is RoleStatus {
  return typeof client === 'object' && client !== null && 'onRole' in client && typeof (client as RoleStatus).onRole === 'function';
}
