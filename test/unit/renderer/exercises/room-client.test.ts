import { describe, expect, it } from 'vitest';
import { RoomClient } from '../../../../src/renderer/exercises/room-client';
import { IDLE_ROOM, type BridgeClient, type RoomState } from '../../../../src/shared';

const room = (version: number, exerciseId: string | null): RoomState => ({ ...IDLE_ROOM, version, exerciseId, phase: exerciseId ? 'question' : 'idle' });

function client(current: RoomState): BridgeClient {
  return {
    invoke: (async (name: string) => (name === 'getRoom' ? current : { exercises: [], problems: [] })) as BridgeClient['invoke'],
    subscribe: () => () => undefined,
  };
}

describe('RoomClient', () => {
  it('keeps the newest room: an older event (replayed to a new connection) does not undo a newer one', () => {
    const c = new RoomClient(client(room(0, null)), () => undefined, null);
    c.handle({ type: 'room', room: room(5, 'b') });
    c.handle({ type: 'room', room: room(3, 'a') });
    expect(c.store.get().room.exerciseId).toBe('b');
  });

  it('takes the server’s getRoom answer as the truth, even with a lower version (a restarted server)', async () => {
    const c = new RoomClient(client(room(1, 'fresh')), () => undefined, null);
    c.handle({ type: 'room', room: room(9, 'old') });
    await c.refresh();
    expect(c.store.get().room.exerciseId).toBe('fresh');
  });
});
