import type { WebSocket } from 'ws';
import type { BridgeService, Caller, Role } from '../../shared';

/** Numbers each connection's caller, so a participant's prediction is one per connection and leaves the room with it. */
export function connectionCallers(service: BridgeService): (role: Role, socket: WebSocket) => Caller {
  let count = 0;
  return (role, socket) => {
    const caller: Caller = { role, transport: 'websocket', connection: ++count };
    socket.on('close', () => service.disconnected?.(caller));
    return caller;
  };
}
