import { describe, expect, it } from 'vitest';
import { memoryGrid } from '../../../../src/renderer/panels/memory';

describe('memoryGrid', () => {
  it('gives few processes large labelled boxes and 64 a dense grid that still fits the sidebar', () => {
    const four = memoryGrid(4, 320);
    expect([four.columns, four.label]).toEqual([2, 'name-and-size']);
    expect(memoryGrid(16, 320).label).toBe('size');
    const many = memoryGrid(64, 320);
    expect(many.columns).toBe(8);
    expect(many.label).toBe('none');
    expect(many.cellWidth).toBeGreaterThanOrEqual(20);
    expect(many.height).toBeLessThan(320);
  });
  it('never makes a box narrower than a dot and its border, and fills the width exactly', () => {
    for (let n = 1; n <= 128; n++) {
      const g = memoryGrid(n, 320);
      expect(g.cellWidth).toBeGreaterThanOrEqual(18);
      expect(g.columns * g.cellWidth + (g.columns - 1) * g.gap).toBeCloseTo(320, 6);
      expect(g.height).toBe(Math.ceil(n / g.columns) * g.cellHeight + (Math.ceil(n / g.columns) - 1) * g.gap);
    }
  });
  it('has no height for no processes', () => {
    expect(memoryGrid(0, 320).height).toBe(0);
  });
});
