import { describe, expect, it } from 'vitest';
import { hitTestLane } from '../../../src/renderer/timeline/hit-test';
import { LaneColumns } from '../../../src/timeline/lane-columns';

describe('hitTestLane', () => {
  const lane = new LaneColumns();
  lane.push(0, 10, 0, 100);
  lane.push(10, 10.2, 0, 101);
  lane.push(50, 60, 0, 102);

  it('returns the segment containing the time', () => {
    expect(hitTestLane(lane, 5, 0)).toBe(100);
    expect(hitTestLane(lane, 55, 0)).toBe(102);
  });

  it('returns nothing in a gap, unless a segment is within the tolerance', () => {
    expect(hitTestLane(lane, 30, 1)).toBe(-1);
    expect(hitTestLane(lane, 48, 3)).toBe(102);
  });

  it('prefers the later, thin segment where two touch', () => {
    expect(hitTestLane(lane, 10.1, 0.5)).toBe(101);
  });
});
