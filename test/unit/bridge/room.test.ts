import { describe, expect, it } from 'vitest';
import { Room, PREDICTION_RATE } from '../../../src/main/bridge/room';
import { RateLimit } from '../../../src/main/bridge/rate-limit';
import { RoomStateSchema, type BridgeEvent, type Caller, type Prediction } from '../../../src/shared';

const viewer = (connection: number): Caller => ({ role: 'viewer', transport: 'websocket', connection });
const number: Prediction = { kind: 'number', unit: 'cores', tolerance: 0.5 };

function setup() {
  const events: BridgeEvent[] = [];
  const room = new Room((e) => events.push(e));
  return { room, events, last: () => events.filter((e) => e.type === 'room').at(-1)! };
}

describe('the workshop room', () => {
  it('keeps one current prediction per connection, anonymous, and announces each change in a valid room event', () => {
    const { room, last } = setup();
    room.choose({ id: 'ex', prediction: number });
    room.submit(viewer(1), 'ex', 1);
    room.submit(viewer(2), 'ex', 2);
    expect(room.submit(viewer(1), 'ex', 1.5)).toBe(2); // changed their mind: still one
    const event = last();
    if (event.type !== 'room') throw new Error('not a room event');
    expect(RoomStateSchema.parse(event.room).answers.sort()).toEqual([1.5, 2]);
  });

  it('drops a connection’s prediction when it closes', () => {
    const { room } = setup();
    room.choose({ id: 'ex', prediction: number });
    room.submit(viewer(1), 'ex', 1);
    room.forget(1);
    expect(room.get().answers).toEqual([]);
  });

  it('refuses predictions for another exercise, of the wrong kind, with no exercise, or once the result is out', () => {
    const { room } = setup();
    expect(() => room.submit(viewer(1), 'ex', 1)).toThrow('no exercise in the room');
    room.choose({ id: 'ex', prediction: number });
    expect(() => room.submit(viewer(1), 'other', 1)).toThrow('moved on');
    expect(() => room.submit(viewer(1), 'ex', 'one')).toThrow('does not fit');
    room.finished({ values: [{ id: 'value', value: 1 }], measured: 1, missing: null, runId: 'r1' });
    expect(() => room.submit(viewer(1), 'ex', 1)).toThrow('closed');
    expect(room.get().answers).toEqual([]);
  });

  it('rate-limits one connection without touching the others', () => {
    const { room } = setup();
    room.choose({ id: 'ex', prediction: number });
    for (let k = 0; k < PREDICTION_RATE.max; k++) room.submit(viewer(1), 'ex', k);
    expect(() => room.submit(viewer(1), 'ex', 9)).toThrow('Too many predictions');
    expect(room.submit(viewer(2), 'ex', 9)).toBe(2);
  });

  it('starts each exercise afresh: no answers, hidden, at the question; versions only grow', () => {
    const { room } = setup();
    room.choose({ id: 'ex', prediction: number });
    room.submit(viewer(1), 'ex', 1);
    room.reveal(true);
    const before = room.get().version;
    const fresh = room.choose({ id: 'next', prediction: number });
    expect(fresh).toMatchObject({ exerciseId: 'next', phase: 'question', reveal: false, answers: [], result: null });
    expect(fresh.version).toBeGreaterThan(before);
  });
});

describe('RateLimit', () => {
  it('allows max per window, then again once the window passed', () => {
    let now = 0;
    const limit = new RateLimit(2, 1000, () => now);
    expect([limit.take(1), limit.take(1), limit.take(1)]).toEqual([true, true, false]);
    now = 1000;
    expect(limit.take(1)).toBe(true);
  });
});
