import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SamplerInitSchema, ToSamplerSchema } from '../../../src/shared';
import { readSamplerInit, readSamplerOrder } from '../../../src/shared/sampler-orders';

const fullInit = SamplerInitSchema.parse({ intervalMs: 1, runStartMono: 1234.5 });
const slot = { buffer: new SharedArrayBuffer(16), offset: 0 };

/** Values around every rule the sampler reads: valid ones, edges, and junk of other types. */
const anyValue = fc.oneof(
  fc.constantFrom('auto', 'exact', 'proc', 'EACCES', 'EPERM', 'ENOENT', 'track', 'untrack', 'phase', 'stop', 'compute', 'io', 'gil-wait', 'sleep', '', 'w0', 'x'.repeat(64), 'x'.repeat(65)),
  fc.constantFrom(0, 0.1, 0.09, 1, 4, 5, 10, 9.9, 19, 20, -20, -21, 100, 101, 1000, 1000.5, 4095, 4096, -1, -2, 2 ** 53, NaN, Infinity, -Infinity),
  fc.double(),
  fc.integer(),
  fc.constantFrom(null, undefined, true, false, [], {}, '3', slot, { buffer: new ArrayBuffer(8), offset: 0 }, { buffer: slot.buffer, offset: -1 }, { buffer: slot.buffer, offset: 1.5 }),
);
const present = anyValue.filter((v) => v !== undefined);

const init = fc
  .record(
    { intervalMs: present, runStartMono: present, batchMs: present, memoryMs: present, idleReadEvery: present, nice: present, forcePortable: present, source: present, cpuBudgetPercent: present, drainMs: present, denyExact: present },
    { requiredKeys: [] },
  )
  .map((over) => ({ ...fullInit, ...over }));

const order = fc.record(
  { type: fc.oneof(fc.constantFrom('track', 'untrack', 'phase', 'stop'), anyValue), taskId: fc.oneof(fc.string(), anyValue), pid: anyValue, tid: anyValue, phaseSlot: anyValue, phase: anyValue, core: anyValue, atMs: anyValue },
  { requiredKeys: [] },
);

/** The reader and the schema agree on every random input: both accept (with equal values) or both reject. */
function agreeWithZod<T>(input: fc.Arbitrary<unknown>, read: (raw: unknown) => { ok: true; value: T } | { ok: false; error: string }, schema: { safeParse(raw: unknown): { success: boolean; data?: unknown } }): void {
  fc.assert(
    fc.property(input, (raw) => {
      const got = read(raw);
      const zod = schema.safeParse(raw);
      expect(got.ok).toBe(zod.success);
      if (got.ok) expect(got.value).toEqual(zod.data);
    }),
    { numRuns: 3000 },
  );
}

describe('readSamplerInit and readSamplerOrder (the sampler side of its schemas, without zod)', () => {
  it('accept exactly what SamplerInitSchema accepts of a complete init, with the same values', () => agreeWithZod(init, readSamplerInit, SamplerInitSchema));

  it('accept exactly what ToSamplerSchema accepts, with the same values', () => agreeWithZod(order, readSamplerOrder, ToSamplerSchema));

  it('say which field is wrong', () => {
    expect(readSamplerInit(null)).toEqual({ ok: false, error: 'init must be an object' });
    expect(readSamplerInit({ ...fullInit, source: 'perf' })).toMatchObject({ ok: false, error: expect.stringContaining('source') });
    expect(readSamplerOrder({ type: 'track', taskId: 'w0', pid: 0, tid: 1 })).toMatchObject({ ok: false, error: expect.stringContaining('pid') });
    expect(readSamplerOrder({ type: 'phase', taskId: 'w0', phase: 'nap', core: 0, atMs: 1 })).toMatchObject({ ok: false, error: expect.stringContaining('phase') });
    expect(readSamplerOrder({ type: 'resume' })).toMatchObject({ ok: false, error: expect.stringContaining('type') });
  });
});
