import { describe, expect, it } from 'vitest';
import { answerKey, binNumbers, countAnswers, type PredictionView } from '../../../../src/shared';

describe('binNumbers (the room histogram)', () => {
  it('centres bins twice the tolerance wide on the answers, with one empty bin each side', () => {
    const bins = binNumbers([0.5, 0.55, 1.0], 0.25);
    expect(bins.map((b) => [b.x0, b.x1])).toEqual([
      [-0.25, 0.25],
      [0.25, 0.75],
      [0.75, 1.25],
      [1.25, 1.75],
    ]);
    expect(bins.map((b) => b.count)).toEqual([0, 2, 1, 0]);
  });

  it('gives whole-number answers with no tolerance one bin per number', () => {
    const bins = binNumbers([2, 2, 3], 0, 2);
    expect(bins.map((b) => (b.x0 + b.x1) / 2)).toEqual([1, 2, 3, 4]);
    expect(bins.map((b) => b.count)).toEqual([0, 2, 1, 0]);
  });

  it('keeps the measured value on the axis even when nobody predicted near it', () => {
    const bins = binNumbers([1], 0.1, 3);
    expect(bins[0]!.x0).toBeLessThanOrEqual(1);
    expect(bins.at(-1)!.x1).toBeGreaterThan(3);
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(1);
  });

  it('widens the bins instead of drawing thousands when answers are far apart', () => {
    const bins = binNumbers([0, 1e6, -1e6, 5], 0.01);
    expect(bins.length).toBeLessThanOrEqual(12);
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(4);
  });

  it('counts every value exactly once whatever the values', () => {
    const values = Array.from({ length: 200 }, (_, k) => Math.sin(k) * 37.3 + k / 7);
    for (const tol of [0, 0.01, 0.5, 3, 100]) expect(binNumbers(values, tol).reduce((n, b) => n + b.count, 0)).toBe(200);
  });

  it('is empty with nothing to draw', () => {
    expect(binNumbers([], 1)).toEqual([]);
  });
});

describe('countAnswers (choices and orderings)', () => {
  const choice: PredictionView = { kind: 'choice', options: [{ id: 'one', text: 'One' }, { id: 'two', text: 'Two' }] };
  const ordering: PredictionView = { kind: 'ordering', order: 'ascending', items: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] };

  it('lists every option of a choice, answered or not', () => {
    expect(countAnswers(choice, ['two', 'two'])).toEqual([
      { key: 'one', label: 'One', count: 0 },
      { key: 'two', label: 'Two', count: 2 },
    ]);
  });

  it('counts the orderings given, most first, labelled in the question order', () => {
    const counts = countAnswers(ordering, [['a', 'b'], ['b', 'a'], ['b', 'a']]);
    expect(counts).toEqual([
      { key: 'b>a', label: 'B < A', count: 2 },
      { key: 'a>b', label: 'A < B', count: 1 },
    ]);
    expect(answerKey(['b', 'a'])).toBe('b>a');
  });
});
