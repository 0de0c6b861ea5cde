import { describe, expect, it } from 'vitest';
import { startingSpan } from '../../../src/workers/sampler/starting-span';
import { birthMono } from '../../../src/node/proc/task-birth';

describe('startingSpan: a task first read after its birth gets its start-up drawn from its birth', () => {
  it('unknown, then queued for waitNs, then running for onCpuNs, ending at the first read; never more running than counted', () => {
    const segs = startingSpan('w0', 10, 50, 20e6, 5e6);
    expect(segs.map((s) => [s.startMs, s.endMs, s.state, s.onCpuNs, s.waitNs])).toEqual([
      [10, 25, 'unknown', 0, 0],
      [25, 30, 'runnable', 0, 5e6],
      [30, 50, 'running', 20e6, 0],
    ]);
    expect(segs.every((s) => s.core === null)).toBe(true); // the counters do not say where it ran
  });

  it('a birth known to 10 ms that leaves too little room starts the span earlier, not inside the running time', () => {
    const segs = startingSpan('w0', 45, 50, 12e6, 0);
    expect(segs).toEqual([{ taskId: 'w0', startMs: 38, endMs: 50, state: 'running', core: null, onCpuNs: 12e6, waitNs: 0 }]);
  });
});

describe('birthMono: stat field 22 on the monotonic clock', () => {
  it('is now minus the time since the start (uptime - start ticks / 100)', () => {
    expect(birthMono(12_345, 200, 1_000_000)).toBeCloseTo(1_000_000 - (200_000 - 123_450), 6);
  });
});
