import { describe, expect, it } from 'vitest';
import { idleShare, parseCpuTimes } from '../../../src/node/proc/cpu-times';

describe('/proc/stat cpu times', () => {
  it('reads idle (idle + iowait) and total from the aggregate line', () => {
    const text = 'cpu  100 5 50 800 20 1 4 0 0 0\ncpu0 50 2 25 400 10 0 2 0 0 0\nintr 1\n';
    expect(parseCpuTimes(text)).toEqual({ idle: 820, total: 980 });
  });

  it('refuses what is not the aggregate line', () => {
    expect(parseCpuTimes('cpu0 1 2 3 4 5\n')).toBeNull();
    expect(parseCpuTimes('cpu 1 2 x 4 5\n')).toBeNull();
    expect(parseCpuTimes('')).toBeNull();
  });

  it('the idle share is between 0 and 1, and null without time passing', () => {
    expect(idleShare({ idle: 100, total: 200 }, { idle: 150, total: 300 })).toBe(0.5);
    expect(idleShare({ idle: 100, total: 200 }, { idle: 100, total: 200 })).toBeNull();
  });
});
