import fc from 'fast-check';
import { COMMAND_NAMES } from '../../src/shared';

/**
 * The seed of every fuzz test: FUZZ_SEED to replay a failure, else fixed so
 * CI runs the same inputs each time. fast-check prints the seed and the
 * shrunk input when a property fails; fuzzSeed() is also named in test titles.
 */
export function fuzzSeed(): number {
  const fromEnv = Number(process.env.FUZZ_SEED);
  return Number.isSafeInteger(fromEnv) ? fromEnv : 20261130;
}

/** JSON values of any shape, prototype-polluting keys and numbers JSON cannot hold included. */
export const anyValue = fc.oneof(
  fc.anything({ withBigInt: false, withNullPrototype: true, withObjectString: true, maxDepth: 4 }),
  fc.constantFrom(null, {}, [], '', '__proto__', { __proto__: { x: 1 } }, { constructor: { prototype: 1 } }, Number.NaN, -0, 1e308 * 10),
);

/**
 * Schema-aware client frames: the shape of `{ kind, id, name, args }` with
 * each field right, nearly right or wrong, and args built from the names and
 * values the commands expect (params, workers, kind, argv…) mixed with noise.
 */
export const argsValue = fc.oneof(
  anyValue,
  // Right for some command: {} (the read commands, stopRun, addWorker) and a small run.
  fc.constant({}),
  fc.record({ params: fc.record({ workers: fc.integer({ min: 1, max: 4 }), kind: fc.constantFrom('thread', 'process') }, { requiredKeys: [] }) }),
  fc.record(
    {
      params: fc.oneof(anyValue, fc.record({ kind: fc.constantFrom('thread', 'process', 'python-thread', 'x'), workers: fc.oneof(fc.integer({ min: -5, max: 200 }), anyValue), durationS: fc.oneof(fc.double(), fc.integer()), workload: fc.constantFrom('cpu', 'io', 'memory', 'mixed', 'x'), memoryMb: fc.double() }, { requiredKeys: [] })),
      scenarioId: fc.oneof(fc.string(), fc.constant(null), anyValue),
      kind: fc.oneof(fc.constantFrom('thread', 'process', null), anyValue),
      taskId: fc.oneof(fc.string({ maxLength: 80 }), fc.constant(null)),
      argv: fc.oneof(fc.array(fc.string({ maxLength: 20 }), { maxLength: 70 }), anyValue),
      text: fc.oneof(fc.string(), anyValue),
    },
    { requiredKeys: [] },
  ),
);

export const commandName = fc.oneof(fc.constantFrom(...COMMAND_NAMES), fc.constantFrom('__proto__', 'constructor', 'toString', ''), fc.string({ maxLength: 70 }));

export const clientFrameValue = fc.oneof(
  fc.record({ kind: fc.constant('invoke'), id: fc.nat(), name: commandName, args: argsValue }),
  fc.record({ kind: fc.oneof(fc.constant('invoke'), fc.string()), id: fc.oneof(fc.integer(), fc.double(), anyValue), name: fc.oneof(commandName, anyValue), args: argsValue, extra: anyValue }, { requiredKeys: [] }),
  anyValue,
);

/** Text frames as they come off a socket: encoded frames, cut or not, and plain noise. */
export const clientFrameText = fc.oneof(
  clientFrameValue.map((v) => {
    try {
      return JSON.stringify(v) ?? 'undefined';
    } catch {
      return '{';
    }
  }),
  fc.tuple(clientFrameValue, fc.nat()).map(([v, cut]) => {
    const s = JSON.stringify(v) ?? '';
    return s.slice(0, cut % (s.length + 1));
  }),
  fc.string({ unit: 'binary' }),
);
