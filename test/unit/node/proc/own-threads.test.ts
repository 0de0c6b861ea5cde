import { describe, expect, it } from 'vitest';
import { unlanedCpuNs } from '../../../../src/node/proc/own-threads';

describe('unlanedCpuNs', () => {
  it('sums what the threads without a lane used between two readings', () => {
    const before = new Map([
      [100, 5e6], // main (laned)
      [101, 1e6], // libuv
      [102, 2e6], // V8 helper
    ]);
    const now = new Map([
      [100, 90e6],
      [101, 4e6],
      [102, 2e6],
      [103, 7e6], // born during the run: all of it counts
    ]);
    expect(unlanedCpuNs(before, now, new Set([100]))).toBe(3e6 + 0 + 7e6);
    expect(unlanedCpuNs(before, now, new Set([100, 103]))).toBe(3e6);
  });

  it('a thread that ended (missing now) is not counted; a counter that went back (a reused tid) counts 0, never negative', () => {
    expect(unlanedCpuNs(new Map([[7, 9e6]]), new Map(), new Set())).toBe(0);
    expect(unlanedCpuNs(new Map([[7, 9e6]]), new Map([[7, 1e6]]), new Set())).toBe(0);
  });
});
