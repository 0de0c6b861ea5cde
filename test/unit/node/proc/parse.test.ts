import { describe, expect, it } from 'vitest';
import { parseKernelPageSize, parseNrMigrations, parseStatmRssPages, parseThreadSelfLink } from '../../../../src/node/proc/parse';

describe('small /proc parsers', () => {
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
