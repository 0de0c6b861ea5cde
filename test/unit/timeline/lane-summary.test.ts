import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LaneColumns } from '../../../src/timeline/lane-columns';
import { LONG_BUCKETS, SUMMARY_BASE_MS, SUMMARY_FACTOR } from '../../../src/timeline/lane-summary';
import { binLane, binLaneAt, SUMMARY_MAX_COLUMN_SHARE } from '../../../src/timeline/lod';

const CATEGORIES = 6;
const FLOAT = 1e-4;

/** A task lane: back-to-back segments (some gaps, a few long ones), random categories. */
const taskLane = fc.array(
  fc.record({ gap: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 50, noNaN: true })), ms: fc.oneof(fc.double({ min: 0.01, max: 20, noNaN: true }), fc.double({ min: 20, max: 3000, noNaN: true })), k: fc.integer({ min: 0, max: CATEGORIES - 1 }) }),
  { minLength: 1, maxLength: 400 },
);

function build(rows: { gap: number; ms: number; k: number }[], startAt = 0): LaneColumns {
  const lane = new LaneColumns();
  let t = startAt;
  rows.forEach((r, i) => {
    t += r.gap;
    lane.push(t, t + r.ms, r.k, i);
    t += r.ms;
  });
  return lane;
}

function bin(lane: LaneColumns, useSummary: boolean, t0: number, mpc: number, columns: number, untilMs = Infinity, categoryOf?: Int32Array, bins = CATEGORIES) {
  const out = new Float32Array(columns * bins);
  const level = useSummary ? lane.summary?.levelFor(mpc * SUMMARY_MAX_COLUMN_SHARE) ?? null : null;
  if (useSummary) expect(level).not.toBeNull();
  if (level) lane.summary?.build(level); // built even for a sparse lane, which binLane would bin raw
  binLaneAt(level, lane, t0, mpc, columns, bins, out, untilMs, categoryOf);
  return { out, width: level?.width ?? 0 };
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

describe('LaneSummary binning', () => {
  it('equals raw binning within one bucket at each column edge (w / (2 * msPerColumn) of a share) for random lanes, views, replays and category maps', () => {
    fc.assert(
      fc.property(
        taskLane,
        fc.double({ min: -200, max: 5000, noNaN: true }),
        fc.double({ min: SUMMARY_BASE_MS / SUMMARY_MAX_COLUMN_SHARE, max: 3000, noNaN: true }),
        fc.integer({ min: 1, max: 300 }),
        fc.option(fc.double({ min: 0, max: 50_000, noNaN: true })),
        fc.boolean(),
        (rows, t0, mpc, columns, until, merge) => {
          const lane = build(rows, 3);
          // Merging categories in pairs (as the parallelism strip merges tasks into processes) keeps the bound: splitting is linear.
          const categoryOf = merge ? Int32Array.from({ length: CATEGORIES }, (_, k) => (k === 5 ? -1 : k >> 1)) : undefined;
          const bins = merge ? 3 : CATEGORIES;
          const raw = bin(lane, false, t0, mpc, columns, until ?? Infinity, categoryOf, bins);
          const sum = bin(lane, true, t0, mpc, columns, until ?? Infinity, categoryOf, bins);
          expect(maxDiff(sum.out, raw.out)).toBeLessThanOrEqual(sum.width / (2 * mpc) + FLOAT);
          // A replay's cut stays sharp: nothing in a column wholly after untilMs.
          if (until !== null) {
            for (let c = Math.ceil((until - t0) / mpc); c < columns; c++) if (c >= 0) for (let k = 0; k < bins; k++) expect(sum.out[c * bins + k]).toBe(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('equals raw binning exactly (to float rounding) when buckets align with columns', () => {
    fc.assert(
      fc.property(taskLane, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 4, max: 40 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 200 }), (rows, levelIndex, perColumn, startBucket, columns) => {
        const lane = build(rows);
        const w = SUMMARY_BASE_MS * SUMMARY_FACTOR ** levelIndex;
        // Whole buckets per column, but not more than 1/4 column per bucket only when the coarsest fitting level is this one.
        const mpc = w * perColumn;
        const level = lane.summary?.levels[levelIndex] ?? null;
        if (level) lane.summary?.build(level);
        const raw = new Float32Array(columns * CATEGORIES);
        const sum = new Float32Array(columns * CATEGORIES);
        binLaneAt(null, lane, startBucket * w, mpc, columns, CATEGORIES, raw);
        binLaneAt(level, lane, startBucket * w, mpc, columns, CATEGORIES, sum);
        expect(maxDiff(sum, raw)).toBeLessThanOrEqual(FLOAT);
      }),
      { numRuns: 300 },
    );
  });

  it('stays within the bound on a core-like lane: tasks interleaved, pushed slightly out of order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0.05, max: 30, noNaN: true }), fc.integer({ min: 0, max: 3 })), { minLength: 2, maxLength: 300 }), fc.double({ min: 16, max: 400, noNaN: true }), (rows, mpc) => {
        // Each task's segments are back to back; a batch of several tasks arrives in task order, not time order.
        const lane = new LaneColumns();
        const clock = [0, 0, 0, 0];
        rows.forEach(([ms, task], i) => {
          const s = (clock[task] as number) + task * 0.3;
          lane.push(s, s + ms, task, i);
          clock[task] = s + ms;
        });
        const raw = bin(lane, false, 0, mpc, 64);
        const sum = bin(lane, true, 0, mpc, 64);
        expect(maxDiff(sum.out, raw.out)).toBeLessThanOrEqual(sum.width / (2 * mpc) + FLOAT);
      }),
      { numRuns: 200 },
    );
  });

  it('matches a lane built fresh after the lane is revised (cleared and pushed again)', () => {
    fc.assert(
      fc.property(taskLane, taskLane, (before, after) => {
        const lane = build(before);
        lane.clear();
        let t = 0;
        after.forEach((r, i) => {
          t += r.gap;
          lane.push(t, t + r.ms, r.k, i);
          t += r.ms;
        });
        const fresh = build(after);
        const a = bin(lane, true, 0, 100, 100).out;
        const b = bin(fresh, true, 0, 100, 100).out;
        expect(Array.from(a)).toEqual(Array.from(b));
      }),
      { numRuns: 100 },
    );
  });

  it('keeps a very long segment whole instead of in a million buckets, and bins it exactly', () => {
    const lane = new LaneColumns();
    lane.push(10, 3_600_000, 2, 0); // an hour asleep
    for (const level of lane.summary?.levels ?? []) lane.summary?.build(level);
    for (const level of lane.summary?.levels ?? []) expect(level.entries).toBeLessThanOrEqual(2 * LONG_BUCKETS + 2);
    const out = bin(lane, true, 0, 3_600_000 / 100, 100).out;
    expect(out[0 * CATEGORIES + 2]).toBeCloseTo(1 - 10 / 36_000, 5);
    expect(out[99 * CATEGORIES + 2]).toBeCloseTo(1, 5);
  });

  it('visits the buckets of the columns drawn, not every segment recorded', () => {
    // 200,000 segments of 0.3 ms over 60 s; a 1280-column whole view.
    const lane = new LaneColumns();
    for (let i = 0; i < 200_000; i++) lane.push(i * 0.3, i * 0.3 + 0.2, i % 3, i);
    const out = new Float32Array(1280 * CATEGORIES);
    const visited = binLane(lane, 0, 60_000 / 1280, 1280, CATEGORIES, out);
    // 47 ms columns take the 4 ms level: 15,000 buckets of 3 categories each, against 200,000 segments.
    expect(visited).toBeLessThan(200_000 / 4);
    // The picture is the raw one: 2/3 of each column busy, a third per category.
    const raw = new Float32Array(1280 * CATEGORIES);
    binLaneAt(null, lane, 0, 60_000 / 1280, 1280, CATEGORIES, raw);
    expect(maxDiff(out, raw)).toBeLessThan(0.01);
  });

  it('bins a sparse lane from its segments (they are fewer than its buckets) and builds no level for it', () => {
    const lane = new LaneColumns();
    lane.push(0, 5000, 1, 0);
    lane.push(9000, 60_000, 0, 1);
    const out = new Float32Array(100 * 2);
    expect(binLane(lane, 0, 600, 100, 2, out)).toBe(2);
    expect(lane.summary?.bytes()).toBe(0);
  });

  it('builds a level when a view first needs it, then keeps it in step with live pushes', () => {
    const lane = new LaneColumns();
    let t = 0;
    const grow = (n: number) => {
      for (let i = 0; i < n; i++, t += 0.5) lane.push(t, t + 0.4, i % 4, i);
    };
    grow(20_000);
    const columns = 50;
    const check = () => {
      const mpc = t / columns;
      const raw = new Float32Array(columns * 4);
      const out = new Float32Array(columns * 4);
      binLaneAt(null, lane, 0, mpc, columns, 4, raw);
      const visited = binLane(lane, 0, mpc, columns, 4, out);
      expect(visited).toBeLessThan(lane.length / 2);
      expect(maxDiff(out, raw)).toBeLessThanOrEqual(SUMMARY_MAX_COLUMN_SHARE / 2 + FLOAT);
      return out;
    };
    check();
    const built = lane.summary?.levels.filter((l) => l.active).length;
    expect(built).toBe(1);
    grow(20_000); // live: the built level follows
    const after = check();
    // The newest column is as busy as the rest: 0.4 of every 0.5 ms.
    expect(after.subarray((columns - 1) * 4, columns * 4).reduce((a, b) => a + b, 0)).toBeCloseTo(0.8, 2);
  });
});

describe('LaneColumns.firstVisible', () => {
  it('is the first segment reaching t0, however long an earlier one is, also after out-of-order pushes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 500, noNaN: true })), { maxLength: 300 }), fc.double({ min: -10, max: 1600, noNaN: true }), (rows, t0) => {
        const lane = new LaneColumns();
        rows.forEach(([s, d], i) => lane.push(s, s + d, 0, i));
        const i = lane.firstVisible(t0);
        for (let j = 0; j < i; j++) expect(lane.end[j]).toBeLessThan(t0);
        if (i < lane.length) expect(lane.end[i]).toBeGreaterThanOrEqual(t0);
        expect(lane.maxEnd).toBe(rows.length ? Math.max(...rows.map(([s, d]) => s + d)) : -Infinity);
      }),
      { numRuns: 300 },
    );
  });
});
