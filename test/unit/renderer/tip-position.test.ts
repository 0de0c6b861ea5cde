import { describe, expect, it } from 'vitest';
import { placeTip } from '../../../src/renderer/timeline/tip-position';

const vp = { width: 1280, height: 720 };
const size = { width: 250, height: 120 };

describe('placeTip', () => {
  it('goes below-right of the pointer when it fits', () => {
    expect(placeTip({ x: 100, y: 100 }, size, vp)).toEqual({ left: 114, top: 114 });
  });

  it('flips left and up near the right and bottom edges, and stays inside the viewport', () => {
    const at = placeTip({ x: 1250, y: 700 }, size, vp);
    expect(at).toEqual({ left: 1250 - 14 - 250, top: 700 - 14 - 120 });
    for (const p of [{ x: 0, y: 0 }, { x: 1280, y: 720 }, { x: 640, y: 719 }, { x: 5, y: 710 }]) {
      const a = placeTip(p, size, vp);
      expect(a.left).toBeGreaterThanOrEqual(0);
      expect(a.top).toBeGreaterThanOrEqual(0);
      expect(a.left + size.width).toBeLessThanOrEqual(vp.width);
      expect(a.top + size.height).toBeLessThanOrEqual(vp.height);
    }
  });
});
