import { describe, expect, it } from 'vitest';
import { spawnBatchBound } from '../../../src/main/engine/session/spawn-batch';

describe('spawnBatchBound', () => {
  it('grows with the cores; a machine that reports nonsense counts as one core', () => {
    expect(spawnBatchBound(1)).toBe(4);
    expect(spawnBatchBound(2)).toBe(8);
    expect(spawnBatchBound(8)).toBe(32);
    for (const odd of [0, -3, Number.NaN, Infinity]) expect(spawnBatchBound(odd)).toBe(4);
    expect(spawnBatchBound(2.7)).toBe(spawnBatchBound(2));
  });
});
