import { describe, expect, it } from 'vitest';
import { parseRecords, trailerLayout, type SwitchRecord, type TrailerLayout } from '../../../src/node/switch-records';
import { SAMPLE } from '../../../src/node/switch-records/perf-abi';
import { loadCapture } from './fixture';
import { RecordBytes, SAMPLE_TYPE } from './record-bytes';

const layout = trailerLayout(SAMPLE_TYPE) as TrailerLayout;

describe('parseRecords on bytes captured from the real kernel', () => {
  const run = loadCapture();
  const all = [...run.rings.values()].flatMap((r) => r.records);

  it('decodes every byte into a known record', () => {
    for (const r of run.rings.values()) {
      expect(r.malformedBytes).toBe(0);
      expect(r.skipped).toBe(0);
      expect(r.records.length).toBeGreaterThan(10);
    }
  });

  it('keeps each ring in time order, with the ring own cpu in every trailer', () => {
    for (const [cpu, r] of run.rings) {
      for (const rec of r.records) expect(rec.cpu).toBe(cpu);
      for (let i = 1; i < r.records.length; i++) expect(r.records[i]!.tNs).toBeGreaterThanOrEqual(r.records[i - 1]!.tNs);
    }
  });

  it('finds the thread and the child process born, named and ended', () => {
    const { pid, threadTid, childPid } = run.meta;
    const find = (f: (r: SwitchRecord) => boolean) => all.filter(f);
    expect(find((r) => r.type === 'fork' && r.tid === threadTid)).toEqual([expect.objectContaining({ pid, ppid: pid })]);
    expect(find((r) => r.type === 'fork' && r.tid === childPid)).toEqual([expect.objectContaining({ pid: childPid, ppid: pid })]);
    expect(find((r) => r.type === 'comm' && r.tid === childPid)).toEqual([expect.objectContaining({ comm: 'sleep', exec: true })]);
    expect(find((r) => r.type === 'exit' && r.tid === threadTid)).toHaveLength(1);
    expect(find((r) => r.type === 'exit' && r.tid === childPid)).toHaveLength(1);
  });

  it('tells preempted switch-outs from switches to sleep', () => {
    const outs = all.filter((r) => r.type === 'switch' && r.out);
    expect(outs.some((r) => r.type === 'switch' && r.preempt)).toBe(true);
    expect(outs.some((r) => r.type === 'switch' && !r.preempt)).toBe(true);
    expect(all.some((r) => r.type === 'switch' && !r.out && r.preempt)).toBe(false);
  });

  it('gives times relative to the base, within the capture', () => {
    for (const r of all) {
      expect(r.tNs).toBeGreaterThan(0);
      expect(r.tNs).toBeLessThan(30e9);
    }
  });
});

describe('parseRecords on hand-made records', () => {
  const base = 1_000_000_000n;
  const tr = (tid: number, ms: number, cpu = 0) => ({ pid: 100, tid, t: base + BigInt(ms * 1e6), cpu });

  it('decodes switch, fork, exit, comm and lost records', () => {
    const bytes = new RecordBytes()
      .task('fork', { pid: 100, ppid: 100, tid: 101, ptid: 100 }, tr(100, 1))
      .switchIn(tr(101, 2, 1))
      .switchOut(tr(101, 3, 1), true)
      .switchOut(tr(101, 4, 1), false)
      .comm('worker #1', false, tr(101, 5))
      .lost(42, tr(0, 6, 1))
      .task('exit', { pid: 100, ppid: 1, tid: 101, ptid: 1 }, tr(101, 7))
      .bytes();
    const { records, skipped, malformedBytes } = parseRecords(bytes, layout, base);
    expect(skipped).toBe(0);
    expect(malformedBytes).toBe(0);
    expect(records).toEqual([
      { type: 'fork', tNs: 1e6, cpu: 0, pid: 100, ppid: 100, tid: 101, ptid: 100 },
      { type: 'switch', tNs: 2e6, cpu: 1, pid: 100, tid: 101, out: false, preempt: false },
      { type: 'switch', tNs: 3e6, cpu: 1, pid: 100, tid: 101, out: true, preempt: true },
      { type: 'switch', tNs: 4e6, cpu: 1, pid: 100, tid: 101, out: true, preempt: false },
      { type: 'comm', tNs: 5e6, cpu: 0, pid: 100, tid: 101, comm: 'worker #1', exec: false },
      { type: 'lost', tNs: 6e6, cpu: 1, lost: 42 },
      { type: 'exit', tNs: 7e6, cpu: 0, pid: 100, ppid: 1, tid: 101, ptid: 1 },
    ]);
  });

  it('reads the task on the other side of a CPU-wide switch', () => {
    const bytes = new RecordBytes().switchCpuWide(tr(101, 1), true, { pid: 200, tid: 201 }).bytes();
    expect(parseRecords(bytes, layout, base).records).toEqual([
      { type: 'switch', tNs: 1e6, cpu: 0, pid: 100, tid: 101, out: true, preempt: false, otherPid: 200, otherTid: 201 },
    ]);
  });

  it('finds the trailer fields after ID and before IDENTIFIER', () => {
    const wide = trailerLayout(SAMPLE_TYPE | SAMPLE.ID | SAMPLE.IDENTIFIER) as TrailerLayout;
    expect(wide).toEqual({ bytes: 40, tidAt: 0, timeAt: 8, cpuAt: 24 });
    const bytes = new RecordBytes({ id: true, identifier: true }).switchIn(tr(101, 2, 3)).bytes();
    expect(parseRecords(bytes, wide, base).records).toEqual([{ type: 'switch', tNs: 2e6, cpu: 3, pid: 100, tid: 101, out: false, preempt: false }]);
  });

  it('refuses a sample_type without tid, time or cpu', () => {
    expect(trailerLayout(SAMPLE.TID | SAMPLE.TIME)).toEqual({ error: expect.stringContaining('CPU') });
  });

  it('keeps ns exact when the clock is far beyond 2^53 ns (a machine up for 300 days)', () => {
    const up = 300n * 86_400n * 1_000_000_000n + 123_456_789n;
    const bytes = new RecordBytes().switchIn({ pid: 1, tid: 2, t: up + 987_654_321n, cpu: 0 }).bytes();
    expect(parseRecords(bytes, layout, up).records[0]!.tNs).toBe(987_654_321);
  });

  it('gives a time before the base as a negative number', () => {
    const bytes = new RecordBytes().switchIn({ pid: 1, tid: 2, t: base - 5n, cpu: 0 }).bytes();
    expect(parseRecords(bytes, layout, base).records[0]!.tNs).toBe(-5);
  });

  it('skips record types it does not use and counts them', () => {
    const bytes = new RecordBytes().raw(9 /* MMAP2-like */, 0, Buffer.alloc(16), tr(101, 1)).switchIn(tr(101, 2)).bytes();
    const r = parseRecords(bytes, layout, base);
    expect(r.skipped).toBe(1);
    expect(r.records).toHaveLength(1);
  });

  it('stops at a truncated or corrupt record and says how many bytes it could not read', () => {
    const good = new RecordBytes().switchIn(tr(101, 1)).bytes();
    expect(parseRecords(Buffer.concat([good, good.subarray(0, 20)]), layout, base)).toMatchObject({ malformedBytes: 20, records: [expect.anything()] });
    const zeroSize = Buffer.alloc(16);
    expect(parseRecords(Buffer.concat([good, zeroSize]), layout, base)).toMatchObject({ malformedBytes: 16, records: [expect.anything()] });
    expect(parseRecords(new Uint8Array(0), layout, base)).toEqual({ records: [], skipped: 0, malformedBytes: 0 });
  });

  it('reads from a view into a larger buffer (byteOffset)', () => {
    const bytes = new RecordBytes().switchIn(tr(101, 1)).bytes();
    const padded = Buffer.concat([Buffer.alloc(8, 0xff), bytes]);
    expect(parseRecords(padded.subarray(8), layout, base).records).toHaveLength(1);
  });
});
