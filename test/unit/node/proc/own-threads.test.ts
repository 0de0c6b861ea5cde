import { describe, expect, it } from 'vitest';
import { restOfProcessNs } from '../../../../src/node/proc/own-threads';

describe('restOfProcessNs', () => {
  const before = new Map([
    [100, 5e6], // main thread (a lane)
    [101, 1e6], // libuv pool
    [102, 2e6], // V8 helper
  ]);
  const now = new Map([
    [100, 90e6],
    [101, 4e6],
    [102, 2e6],
    [103, 30e6], // the sampler, born in the run: 30 ms, of which its lane shows 20
    [104, 900e6], // a workload thread: the run's work
    [105, 7e6], // born during the run, no lane
  ]);

  it("counts what no lane shows: threads without one in full, an app lane's thread beyond its lane, workloads never", () => {
    const lanes = new Map([
      [100, 85e6],
      [103, 20e6],
    ]);
    expect(restOfProcessNs(before, now, lanes, new Set([104]))).toBe(3e6 + 0 + 10e6 + 7e6);
  });

  it("a traced command's run has no app lanes: the main thread counts in full", () => {
    expect(restOfProcessNs(before, now, new Map(), new Set([104]))).toBe(85e6 + 3e6 + 30e6 + 7e6);
  });

  it('a lane that shows more than the reading (windows a little apart), a thread that ended, a counter that went back: 0, never negative', () => {
    expect(restOfProcessNs(before, now, new Map([[100, 99e6]]), new Set([101, 102, 103, 104, 105]))).toBe(0);
    expect(restOfProcessNs(new Map([[7, 9e6]]), new Map(), new Map(), new Set())).toBe(0);
    expect(restOfProcessNs(new Map([[7, 9e6]]), new Map([[7, 1e6]]), new Map(), new Set())).toBe(0);
  });
});
