import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argsValue, fuzzSeed } from '../../support/fuzz';
import { createBridgeService } from '../../../src/main/bridge';
import { ExerciseListSchema, RoomStateSchema, type BridgeEvent, type Caller } from '../../../src/shared';
import { FakeEngine } from './fake-engine';

const fixtures = join(import.meta.dirname, '..', '..', 'e2e', 'fixtures', 'exercises');
const viewer: Caller = { role: 'viewer', transport: 'websocket', connection: 7 };
const leader: Caller = { role: 'leader', transport: 'websocket', connection: 1 };

function setup() {
  const engine = new FakeEngine();
  const service = createBridgeService({ engine, presets: [], log: () => undefined, exerciseDirs: () => [fixtures] });
  const events: BridgeEvent[] = [];
  service.subscribe((e) => events.push(e));
  return { engine, service, events };
}

describe('bridge service: the workshop room', () => {
  it('lists the exercises that load and each broken file with its name and line', async () => {
    const { service } = setup();
    const list = ExerciseListSchema.parse(await service.invoke('listExercises', {}, viewer));
    expect(list.exercises.map((x) => x.id)).toEqual(['quick-workers']);
    expect(list.problems).toEqual([expect.objectContaining({ file: 'broken.md', line: 7 })]);
    expect(list.problems[0]!.message).toContain("unknown preset 'no-such-preset'");
  });

  it('lets a viewer predict but never choose, reveal or run', async () => {
    const { service, engine } = setup();
    await expect(service.invoke('setRoom', { exerciseId: 'quick-workers' }, viewer)).rejects.toThrow('for the leader only');
    await expect(service.invoke('startExercise', { exerciseId: 'quick-workers' }, viewer)).rejects.toThrow('for the leader only');
    await service.invoke('setRoom', { exerciseId: 'quick-workers' }, leader);
    await expect(service.invoke('submitPrediction', { exerciseId: 'quick-workers', answer: 2 }, viewer)).resolves.toEqual({ answers: 1 });
    await expect(service.invoke('setRoom', { reveal: true }, viewer)).rejects.toThrow('for the leader only');
    expect(engine.sessions).toHaveLength(0);
  });

  it('refuses bad predictions with one line, and forgets a closed connection’s', async () => {
    const { service, events } = setup();
    await service.invoke('setRoom', { exerciseId: 'quick-workers' }, leader);
    for (const answer of [1e300, 'Not An Id', ['a'], { x: 1 }, 'x'.repeat(100)]) {
      const error = await service.invoke('submitPrediction', { exerciseId: 'quick-workers', answer }, viewer).then(() => null, (e: Error) => e.message);
      expect(error).toBeTruthy();
      expect(error).not.toContain('\n');
    }
    await service.invoke('submitPrediction', { exerciseId: 'quick-workers', answer: 3 }, viewer);
    service.disconnected?.(viewer);
    const rooms = events.filter((e) => e.type === 'room');
    expect(rooms.at(-1)).toMatchObject({ room: { answers: [] } });
    await expect(service.invoke('getRoom', {}, viewer)).resolves.toMatchObject({ exerciseId: 'quick-workers', answers: [] });
  });

  it('refuses an exercise that is not loaded', async () => {
    const { service } = setup();
    await expect(service.invoke('setRoom', { exerciseId: 'nope' }, leader)).rejects.toThrow("No exercise 'nope'");
  });
});

describe(`room predictions under fuzz (fast-check, seed ${fuzzSeed()})`, () => {
  it('any prediction from any connection: a count or a one-line error; the room stays valid, one answer per connection, nothing runs', async () => {
    const { service, engine } = setup();
    await service.invoke('setRoom', { exerciseId: 'quick-workers' }, leader);
    const answer = fc.oneof(argsValue, fc.double(), fc.integer(), fc.string({ maxLength: 80 }), fc.array(fc.string({ maxLength: 8 }), { maxLength: 8 }));
    const args = fc.oneof(argsValue, fc.record({ exerciseId: fc.oneof(fc.constant('quick-workers'), fc.string({ maxLength: 70 })), answer }));
    const connections = new Set<number>();
    await fc.assert(
      fc.asyncProperty(args, fc.integer({ min: 1, max: 40 }), async (a, connection) => {
        const who: Caller = { role: 'viewer', transport: 'websocket', connection };
        try {
          const { answers } = (await service.invoke('submitPrediction', a, who)) as { answers: number };
          connections.add(connection);
          expect(answers).toBeLessThanOrEqual(connections.size);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).message).not.toContain('\n');
        }
      }),
      { seed: fuzzSeed(), numRuns: 600 },
    );
    const room = RoomStateSchema.parse(await service.invoke('getRoom', {}, viewer));
    expect(room.answers.length).toBeLessThanOrEqual(connections.size);
    expect(engine.sessions).toHaveLength(0);
  });
});
