import { describe, expect, it } from 'vitest';
import { parseRunParams } from '../../../src/main/engine/create-engine';
import { allocatePhaseSlot } from '../../../src/main/engine/session/phase-slot';
import { PHASE_CODE, PHASE_SLOT } from '../../../src/shared';

describe('parseRunParams', () => {
  it('fills the defaults', () => {
    expect(parseRunParams({})).toMatchObject({ workload: 'cpu', kind: 'thread', workers: 2, durationS: 3, intervalMs: 1 });
  });

  it('rejects bad input with one line naming the problem', () => {
    expect(() => parseRunParams({ workers: 0 })).toThrow(/^invalid run parameters: workers must be at least 1$/);
    expect(() => parseRunParams({ workers: 10_000 })).toThrow(/workers must be at most 64/);
    expect(() => parseRunParams({ durationS: -1 })).toThrow(/duration must be positive/);
    expect(() => parseRunParams({ workload: 'nap' as never })).toThrow(/workload/);
    expect(() => parseRunParams({ bogus: 1 } as never)).toThrow(/bogus/);
  });
});

describe('allocatePhaseSlot', () => {
  it('starts in phase starting with an unknown core', () => {
    const slot = allocatePhaseSlot();
    const view = new Int32Array(slot.buffer, slot.offset, PHASE_SLOT.length);
    expect(view[PHASE_SLOT.phase]).toBe(PHASE_CODE.starting);
    expect(view[PHASE_SLOT.core]).toBe(-1);
  });
});
