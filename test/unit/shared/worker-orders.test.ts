import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS, RunParamsSchema, ToWorkerSchema } from '../../../src/shared';
import { readWorkerOrder } from '../../../src/shared/worker-orders';

const fullParams = RunParamsSchema.parse({});

/** Values around every rule a worker reads: valid ones, edges, and junk of other types. */
const anyValue = fc.oneof(
  fc.constantFrom('cpu', 'io', 'mixed', 'memory', 'disk', '', 'start', 'stop', 'misbehave', 'throw', 'exit', 'hang', 'abort', 'explode'),
  fc.constantFrom(0, 1, -1, 0.5, 1e9, 1e9 + 1, LIMITS.maxMemoryMb, LIMITS.maxMemoryMb + 1, LIMITS.maxDurationS, LIMITS.maxDurationS + 0.5, NaN, Infinity, -Infinity),
  fc.double(),
  fc.integer(),
  fc.constantFrom(null, undefined, true, [], {}, '3'),
);

const present = anyValue.filter((v) => v !== undefined);

const message = fc.record(
  {
    type: fc.oneof(fc.constantFrom('start', 'stop', 'misbehave'), anyValue),
    how: anyValue,
    taskId: fc.oneof(fc.string(), anyValue),
    requestedAtMono: anyValue,
    params: fc.oneof(
      // Present, as the engine sends them (parsed, defaults applied): the schema would default a missing field, the worker rejects it.
      fc.record({ workload: present, workUnits: present, memoryMb: present, durationS: present }, { requiredKeys: [] }).map((p) => ({ ...fullParams, ...p })),
      // Not an object at all ({} would be the schema's defaults again).
      anyValue.filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
    ),
  },
  { requiredKeys: [] },
);

describe('readWorkerOrder (the worker side of ToWorkerSchema, without zod)', () => {
  it('accepts exactly what ToWorkerSchema accepts, when the fields a worker reads are present and the others valid', () => {
    fc.assert(
      fc.property(message, (raw) => {
        const read = readWorkerOrder(raw);
        const zod = ToWorkerSchema.safeParse(raw);
        expect(read.ok).toBe(zod.success);
        if (read.ok && zod.success) {
          expect(read.order.type).toBe(zod.data.type);
          if (read.order.type === 'start' && zod.data.type === 'start') {
            const { workload, workUnits, memoryMb, durationS } = zod.data.params;
            expect(read.order.params).toEqual({ workload, workUnits, memoryMb, durationS });
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('says which field is wrong', () => {
    const start = { type: 'start', taskId: 'w0', requestedAtMono: 1, params: fullParams };
    expect(readWorkerOrder(null)).toEqual({ ok: false, error: 'a message must be an object' });
    expect(readWorkerOrder({ ...start, params: { ...fullParams, workload: 'disk' } })).toMatchObject({ ok: false, error: expect.stringContaining('params.workload') });
    expect(readWorkerOrder({ ...start, params: { ...fullParams, memoryMb: LIMITS.maxMemoryMb * 2 } })).toMatchObject({ ok: false, error: expect.stringContaining('params.memoryMb') });
    expect(readWorkerOrder({ type: 'misbehave', how: 'explode' })).toMatchObject({ ok: false, error: expect.stringContaining('how') });
    expect(readWorkerOrder({ type: 'resume' })).toMatchObject({ ok: false, error: expect.stringContaining('type') });
  });

  it('passes on only the fields a worker reads', () => {
    const read = readWorkerOrder({ type: 'start', taskId: 'w0', requestedAtMono: 1, params: { ...fullParams, extra: 'x' } });
    expect(read).toEqual({ ok: true, order: { type: 'start', taskId: 'w0', requestedAtMono: 1, params: { workload: 'cpu', workUnits: null, memoryMb: 64, durationS: 3 } } });
  });
});
