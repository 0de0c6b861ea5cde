import { describe, expect, it } from 'vitest';
import { formatValue, readVerdict, VerdictSchema } from '../../../src/shared';
import { verdictFixture } from '../../support/verdict';

describe('verdict v2', () => {
  it('accepts a full verdict with each kind of chart', () => {
    const v = verdictFixture('p', {
      charts: [
        { type: 'lines', title: 'cost', x: { label: 'payload', unit: 'bytes', log: true }, y: { label: 'latency', unit: 'us', log: true }, series: [{ name: 'clone', points: [{ x: 1024, y: 20 }, { x: 2 ** 26, y: 1e5 }] }] },
        { type: 'bars', title: 'cores', unit: 'cores', bars: [{ label: '2 processes', value: 1.9 }], reference: { label: '2 bare busy loops', value: 1.95 } },
        { type: 'outcomes', title: 'crashes', cases: [{ label: 'thread throws', outcome: 'it alone ended', asClaimed: true }] },
      ],
    });
    expect(VerdictSchema.parse(v)).toEqual(v);
  });

  it('refuses more than 6 numbers, more than 3 charts, an unknown status or chart, and a missing explanation', () => {
    const n = { key: 'k', label: 'l', value: 1, unit: '' };
    const bars = { type: 'bars', title: 't', unit: '', bars: [{ label: 'a', value: 1 }], reference: null };
    expect(VerdictSchema.safeParse(verdictFixture('p', { numbers: Array(7).fill(n) })).success).toBe(false);
    expect(VerdictSchema.safeParse({ ...verdictFixture(), charts: Array(4).fill(bars) }).success).toBe(false);
    expect(VerdictSchema.safeParse({ ...verdictFixture(), status: 'maybe' }).success).toBe(false);
    expect(VerdictSchema.safeParse({ ...verdictFixture(), charts: [{ type: 'pie' }] }).success).toBe(false);
    expect(VerdictSchema.safeParse({ ...verdictFixture(), explanation: '' }).success).toBe(false);
    expect(VerdictSchema.safeParse({ ...verdictFixture(), numbers: [{ ...n, value: NaN }] }).success).toBe(false);
  });

  it('reads a version 1 verdict (an older trace file) as version 2', () => {
    const old = { presetId: 'io-threads', claim: 'c', supported: false, numbers: { cores: 2, a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 }, summary: 'Threads 282.7 vs processes 219.2 units/s.' };
    const v = readVerdict(old)!;
    expect(VerdictSchema.parse(v)).toEqual(v);
    expect(v).toMatchObject({ version: 2, status: 'not-supported', explanation: old.summary, raw: old.numbers, charts: [], machine: { cores: 2, otherCores: null, baselineCores: null } });
    expect(v.numbers).toHaveLength(6);
    expect(readVerdict(old, 4)!.machine.cores).toBe(4); // the trace's machine, when the reader knows it
    expect(readVerdict({ ...old, supported: 'partly' })!.status).toBe('partly');
    expect(readVerdict({ ...old, supported: true })!.status).toBe('supported');
    expect(readVerdict(verdictFixture('x'))).toEqual(verdictFixture('x'));
    expect(readVerdict({ nonsense: true })).toBeNull();
    expect(readVerdict(null)).toBeNull();
  });
});

describe('formatValue', () => {
  it('scales durations and sizes and writes other units after the number', () => {
    expect(formatValue(460614.6, 'us')).toBe('461 ms');
    expect(formatValue(3.2, 'ms')).toBe('3.2 ms');
    expect(formatValue(85 * 2 ** 20, 'bytes')).toBe('85 MiB');
    expect(formatValue(1.234567, 'cores')).toBe('1.23 cores');
    expect(formatValue(1.5, 'x')).toBe('1.5×');
    expect(formatValue(43.9, '%')).toBe('43.9%');
    expect(formatValue(282.74, 'units/s')).toBe('283 units/s');
    expect(formatValue(16384, '')).toBe('16,384');
    expect(formatValue(12, '')).toBe('12');
    expect(formatValue(NaN, 'ms')).toBe('–');
  });
});
