import { describe, expect, it } from 'vitest';
import { LaneColumns } from '../../../src/timeline/lane-columns';
import { binLane, dominantCategory, stackColumns } from '../../../src/timeline/lod';

function lane(rows: [number, number, number][]): LaneColumns {
  const l = new LaneColumns();
  rows.forEach(([s, e, k], i) => l.push(s, e, k, i));
  return l;
}

describe('binLane', () => {
  it('gives each pixel column the share of its time covered by each category', () => {
    const out = new Float32Array(10 * 2);
    // 10 columns of 1 ms: category 0 covers 0..2.5, category 1 covers 2.5..4.
    binLane(lane([[0, 2.5, 0], [2.5, 4, 1]]), 0, 1, 10, 2, out);
    expect(Array.from(out.subarray(0, 10))).toEqual([1, 0, 1, 0, 0.5, 0.5, 0, 1, 0, 0]);
    expect(dominantCategory(out, 2, 2)).toBe(0); // a tie keeps the first
    expect(dominantCategory(out, 3, 2)).toBe(1);
    expect(dominantCategory(out, 9, 2)).toBe(-1);
  });

  it('sums many tiny segments into one column as their total share', () => {
    const rows: [number, number, number][] = [];
    for (let i = 0; i < 1000; i++) rows.push([i * 0.01, i * 0.01 + 0.004, 0]);
    const out = new Float32Array(1);
    binLane(lane(rows), 0, 10, 1, 1, out);
    expect(out[0]).toBeCloseTo(0.4, 3);
  });

  it('visits only the visible segments, so cost does not grow with the recording', () => {
    const rows: [number, number, number][] = [];
    for (let i = 0; i < 100_000; i++) rows.push([i, i + 1, 0]);
    const out = new Float32Array(100);
    const visited = binLane(lane(rows), 50_000, 1, 100, 1, out);
    expect(visited).toBeLessThan(110);
    expect(out[0]).toBe(1);
  });

  it('clips segments at both edges and ignores unknown categories', () => {
    const out = new Float32Array(4);
    binLane(lane([[-5, 1.5, 0], [3.5, 99, 0], [0, 4, 7]]), 0, 1, 4, 1, out);
    expect(Array.from(out)).toEqual([1, 0.5, 0, 0.5]);
  });
});

describe('stackColumns', () => {
  it('stacks categories from the bottom, each as tall as its share, background above', () => {
    const A = 1;
    const B = 2;
    const BG = 9;
    // column 0: 50% A + 50% B; column 1: 25% A; column 2: empty; 4 rows.
    const shares = Float32Array.from([0.5, 0.5, 0.25, 0, 0, 0]);
    const out = new Uint32Array(3 * 4);
    stackColumns(shares, 3, 2, Uint32Array.of(A, B), BG, 4, out);
    const column = (c: number) => [0, 1, 2, 3].map((r) => out[c * 4 + r]);
    expect(column(0)).toEqual([B, B, A, A]);
    expect(column(1)).toEqual([BG, BG, BG, A]);
    expect(column(2)).toEqual([BG, BG, BG, BG]);
  });

  it('scales overlapping shares (sum > 1) to the full height', () => {
    const out = new Uint32Array(2);
    stackColumns(Float32Array.from([1, 1]), 1, 2, Uint32Array.of(1, 2), 9, 2, out); // one column, 2 rows
    expect(Array.from(out)).toEqual([2, 1]);
  });
});
