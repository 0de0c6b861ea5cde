import { describe, expect, it } from 'vitest';
import { parseSchedstat, parseSchedstatBytes } from '../../../../src/node/proc/schedstat';

const bytes = (s: string) => Buffer.from(s, 'latin1');

describe('schedstat', () => {
  it('parses on-CPU ns, run-queue wait ns, timeslices', () => {
    expect(parseSchedstat('123456789 4567 89\n')).toEqual({ onCpuNs: 123456789, waitNs: 4567, timeslices: 89 });
    expect(parseSchedstat('1 2')).toBeNull();
    expect(parseSchedstat('a b c')).toBeNull();
  });

  it('the byte parser of the hot path rejects truncated or foreign bytes', () => {
    expect(parseSchedstatBytes(bytes('1 2'), 3)).toBeNull();
    expect(parseSchedstatBytes(bytes('a b c'), 5)).toBeNull();
  });

  it('the byte parser reads numbers beyond 32 bits', () => {
    const b = bytes('9876543210123 4567 89\n');
    expect(parseSchedstatBytes(b, b.length)).toEqual({ onCpuNs: 9876543210123, waitNs: 4567, timeslices: 89 });
  });
});
