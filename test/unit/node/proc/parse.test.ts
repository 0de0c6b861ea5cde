import { describe, expect, it } from 'vitest';
import {
  parseKernelPageSize,
  parseSchedstatBytes,
  parseTaskStatBytes,
  parseNrMigrations,
  parseSchedstat,
  parseStatmRssPages,
  parseTaskStat,
  parseThreadSelfLink,
} from '../../../../src/node/proc/parse';

/** A real stat line (cat reading itself) with the comm replaced. */
const statLine = (comm: string, state = 'R', processor = 1) =>
  `7464 (${comm}) ${state} 7458 7458 3629 0 -1 4194304 101 0 0 0 7 3 0 0 20 0 1 0 22916 3133440 392 18446744073709551615 94756525678592 94756525698473 140737434620208 0 0 0 0 0 0 0 0 0 17 ${processor} 0 0 0 0 0 94756525714480 94756525716096 94757593575424 140737434622671 140737434622698 140737434622698 140737434623979 0\n`;

describe('parseTaskStat', () => {
  it('reads state (field 3) and last core (field 39)', () => {
    expect(parseTaskStat(statLine('cat', 'S', 1))).toEqual({ comm: 'cat', state: 'S', processor: 1, utimeTicks: 7, stimeTicks: 3 });
  });

  it('splits after the LAST ")" so a comm with spaces and parentheses does not shift fields', () => {
    const p = parseTaskStat(statLine('we) ird (name) R 9', 'D', 0));
    expect(p?.comm).toBe('we) ird (name) R 9');
    expect(p?.state).toBe('D');
    expect(p?.processor).toBe(0);
  });

  it('rejects text that is not a stat line', () => {
    expect(parseTaskStat('')).toBeNull();
    expect(parseTaskStat('7464 cat R 1')).toBeNull();
    expect(parseTaskStat('7464 (cat) R 1 2 3')).toBeNull(); // truncated: no field 39
  });
});

describe('other /proc parsers', () => {
  it('parses schedstat: on-CPU ns, run-queue wait ns, timeslices', () => {
    expect(parseSchedstat('123456789 4567 89\n')).toEqual({ onCpuNs: 123456789, waitNs: 4567, timeslices: 89 });
    expect(parseSchedstat('1 2')).toBeNull();
    expect(parseSchedstat('a b c')).toBeNull();
  });

  it('parses statm rss pages and the kernel page size', () => {
    expect(parseStatmRssPages('783 392 340 5 0 95 0\n')).toBe(392);
    expect(parseStatmRssPages('')).toBeNull();
    expect(parseKernelPageSize('Size: 4 kB\nKernelPageSize:        4 kB\n')).toBe(4096);
  });

  it('parses se.nr_migrations from a sched file', () => {
    const sched = 'node (7464, #threads: 11)\n----\nse.exec_start : 1.0\nse.nr_migrations                             :                   42\nnr_switches : 7\n';
    expect(parseNrMigrations(sched)).toBe(42);
    expect(parseNrMigrations('nothing here')).toBeNull();
  });

  it('parses the /proc/thread-self link', () => {
    expect(parseThreadSelfLink('7465/task/7470')).toEqual({ pid: 7465, tid: 7470 });
    expect(parseThreadSelfLink('self')).toBeNull();
  });
});

describe('byte parsers of the hot path agree with the string parsers', () => {
  const bytes = (s: string) => Buffer.from(s, 'latin1');
  it.each([
    ['cat', 'S', 1],
    ['we) ird (name) R 9', 'D', 0],
    ['x', 'R', 127],
  ] as const)('stat of comm %j', (comm, state, core) => {
    const text = statLine(comm, state, core);
    const b = bytes(text);
    expect(parseTaskStatBytes(b, b.length)).toEqual({ state, processor: core });
    expect(parseTaskStat(text)).toMatchObject({ state, processor: core });
  });

  it('rejects truncated or foreign bytes', () => {
    const b = bytes('7464 (cat) R 1 2 3');
    expect(parseTaskStatBytes(b, b.length)).toBeNull();
    expect(parseTaskStatBytes(bytes('nothing'), 7)).toBeNull();
    expect(parseSchedstatBytes(bytes('1 2'), 3)).toBeNull();
    expect(parseSchedstatBytes(bytes('a b c'), 5)).toBeNull();
  });

  it('reads schedstat numbers beyond 32 bits', () => {
    const b = bytes('9876543210123 4567 89\n');
    expect(parseSchedstatBytes(b, b.length)).toEqual({ onCpuNs: 9876543210123, waitNs: 4567, timeslices: 89 });
  });
});
