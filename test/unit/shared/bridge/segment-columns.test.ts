import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeSegmentFrame, encodeSegmentFrame, SegmentSchema, TASK_STATES, type Segment } from '../../../../src/shared';
import { inflateColumns } from '../../../../src/renderer/bridge/inflate-columns';

function segments(n: number, seed = 1): Segment[] {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: n }, (_, i) => {
    const s: Segment = {
      taskId: `run-7-w${i % 5}`,
      startMs: i * 1.25 + rnd() / 3,
      endMs: i * 1.25 + 1 + rnd(),
      state: TASK_STATES[i % TASK_STATES.length]!,
      core: i % 4 === 0 ? null : i % 3,
      onCpuNs: Math.round(rnd() * 1e6),
      waitNs: Math.round(rnd() * 5e4),
    };
    if (i % 7 === 1) s.inferred = true;
    if (i % 7 === 2) s.inferred = false;
    return s;
  });
}

const roundTrip = (list: Segment[], runId = 'run-7') => decodeSegmentFrame(encodeSegmentFrame({ runId, segments: list }));

describe('segment frames (binary, columnar)', () => {
  it('give back exactly the segments sent, inferred flags and null cores included', () => {
    const list = segments(500);
    expect(roundTrip(list)).toEqual({ ok: true, value: { runId: 'run-7', segments: list } });
    // What the page gets is what the schema would have accepted from JSON.
    for (const s of list) expect(SegmentSchema.parse(s)).toEqual(s);
  });

  it('are about a quarter of the JSON they replace', () => {
    const list = segments(1000);
    const json = JSON.stringify({ kind: 'event', event: { type: 'segments', runId: 'run-7', segments: list } }).length;
    const binary = encodeSegmentFrame({ runId: 'run-7', segments: list }).length;
    expect(binary / json).toBeLessThan(0.3);
    expect(binary).toBeLessThan(1000 * 28);
  });

  it('deflated, give back the same segments in a fraction of the bytes; a forged count or a cut stream is refused', () => {
    const list = segments(1000);
    const deflate = (c: Uint8Array) => deflateRawSync(c, { level: 1 });
    const plain = encodeSegmentFrame({ runId: 'run-7', segments: list });
    const packed = encodeSegmentFrame({ runId: 'run-7', segments: list }, deflate);
    expect(decodeSegmentFrame(packed, inflateColumns)).toEqual({ ok: true, value: { runId: 'run-7', segments: list } });
    expect(decodeSegmentFrame(packed)).toMatchObject({ ok: false, error: expect.stringContaining('no inflater') }); // the sampler's reader on main has none
    expect(packed.length).toBeLessThan(0.8 * plain.length);
    for (const n of [packed.length - 1, packed.length - 200, 40]) expect(decodeSegmentFrame(packed.subarray(0, n), inflateColumns).ok, `cut at ${n}`).toBe(false);
    const forged = packed.slice();
    new DataView(forged.buffer).setUint32(6, 0xffff_ffff, true); // 4 G segments: refused before any allocation
    expect(decodeSegmentFrame(forged, inflateColumns)).toMatchObject({ ok: false, error: expect.stringContaining('segments in one frame') });
    const fewer = packed.slice();
    new DataView(fewer.buffer).setUint32(6, 999, true); // the columns inflate past what the header allows
    expect(decodeSegmentFrame(fewer, inflateColumns).ok).toBe(false);
  });

  it('widen a column only when a value needs it: big cores, many tasks, fractional or huge nanoseconds', () => {
    const base = segments(300);
    const cases: Segment[][] = [
      base.map((s, i) => ({ ...s, core: i === 3 ? 4095 : s.core })),
      base.map((s, i) => ({ ...s, taskId: `t${i}` })),
      base.map((s, i) => ({ ...s, onCpuNs: i === 9 ? 0.5 : s.onCpuNs })),
      base.map((s, i) => ({ ...s, waitNs: i === 9 ? 2 ** 40 : s.waitNs })),
    ];
    for (const list of cases) expect(roundTrip(list)).toEqual({ ok: true, value: { runId: 'run-7', segments: list } });
    expect(roundTrip([])).toEqual({ ok: true, value: { runId: 'run-7', segments: [] } });
  });

  it('refuse a cut frame at every length, and never throw', () => {
    const bytes = encodeSegmentFrame({ runId: 'run-7', segments: segments(6) });
    for (let n = 0; n < bytes.length; n++) {
      const r = decodeSegmentFrame(bytes.subarray(0, n));
      expect(r.ok, `cut at ${n}`).toBe(false);
    }
  });

  it('name what is wrong in a damaged frame', () => {
    const good = encodeSegmentFrame({ runId: 'run-7', segments: segments(3) });
    const damaged = (at: number, value: number) => {
      const b = good.slice();
      b[at] = value;
      return decodeSegmentFrame(b);
    };
    expect(damaged(0, 0x58)).toEqual({ ok: false, error: 'bad segment frame: not a segment frame' });
    expect(damaged(4, 9)).toMatchObject({ ok: false, error: expect.stringContaining('version 9') });
    expect(damaged(5, 0x80)).toMatchObject({ ok: false, error: expect.stringContaining('flags') });
    // The state column is last: a state index past the list, then an inferred code past 2.
    expect(damaged(good.length - 1, 7)).toMatchObject({ ok: false, error: expect.stringContaining('state 7') });
    expect(damaged(good.length - 1, 3 << 3)).toMatchObject({ ok: false, error: expect.stringContaining('state byte') });
    // The task index column sits before it: an index with no task id.
    expect(damaged(good.length - 4, 200)).toMatchObject({ ok: false, error: expect.stringContaining('task index 200') });
    // A start time of NaN (the first f64 of the columns: all ones).
    const columns = good.length - 3 * (16 + 8 + 1 + 1 + 1);
    const nan = good.slice();
    nan.fill(0xff, columns, columns + 8);
    expect(decodeSegmentFrame(nan)).toMatchObject({ ok: false, error: expect.stringContaining('not a time') });
  });

  it('survive random bytes: an answer, never a throw', () => {
    let x = 42;
    const rnd = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const good = encodeSegmentFrame({ runId: 'run-7', segments: segments(4) });
    for (let i = 0; i < 2000; i++) {
      const b = good.slice();
      for (let k = 0; k < 3; k++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
      const r = decodeSegmentFrame(b);
      if (r.ok) for (const s of r.value.segments) expect(SegmentSchema.safeParse(s).success).toBe(true);
    }
  });
});
