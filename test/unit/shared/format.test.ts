import { describe, expect, it } from 'vitest';
import { formatBytes, formatMs } from '../../../src/shared';

describe('units for people', () => {
  it('formatMs: µs, ms, s with the digits that matter; unknown is a dash', () => {
    expect([0.25, 3.25, 42, 1500, 12_345, Number.NaN].map(formatMs)).toEqual(['250 µs', '3.3 ms', '42 ms', '1.50 s', '12.3 s', '–']);
  });

  it('formatBytes: binary units', () => {
    expect([512, 2048, 3 * 2 ** 20, 1.5 * 2 ** 30].map(formatBytes)).toEqual(['512 B', '2 KiB', '3 MiB', '1.5 GiB']);
  });
});
