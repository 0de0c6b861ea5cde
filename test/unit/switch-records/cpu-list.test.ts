import { describe, expect, it } from 'vitest';
import { parseCpuList } from '../../../src/node/switch-records';

describe('parseCpuList', () => {
  it('reads ranges and single CPUs as /sys writes them', () => {
    expect(parseCpuList('0-1\n')).toEqual([0, 1]);
    expect(parseCpuList('0-2,5,7-8')).toEqual([0, 1, 2, 5, 7, 8]);
    expect(parseCpuList('3')).toEqual([3]);
  });

  it('refuses what is not a CPU list', () => {
    expect(parseCpuList('')).toBeNull();
    expect(parseCpuList('2-1')).toBeNull();
    expect(parseCpuList('a-b')).toBeNull();
    expect(parseCpuList('0-99999')).toBeNull();
  });
});
