import { describe, expect, it } from 'vitest';
import { stepNote } from '../../../src/renderer/app/presentation-keys';

describe('stepping through notes in presentation', () => {
  it('starts at the first (right) or the last (left) note, then moves one at a time and stops at either end', () => {
    expect(stepNote(0, -1, 1)).toBe(-1);
    expect(stepNote(3, -1, 1)).toBe(0);
    expect(stepNote(3, -1, -1)).toBe(2);
    expect(stepNote(3, 0, 1)).toBe(1);
    expect(stepNote(3, 2, 1)).toBe(2);
    expect(stepNote(3, 0, -1)).toBe(0);
  });
});
