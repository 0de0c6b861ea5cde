import { describe, expect, it } from 'vitest';
import { exerciseCard, fitsPrediction, parseExercise, scorePrediction, type PredictionView } from '../../../../src/shared';

const number: PredictionView = { kind: 'number', unit: 'cores', tolerance: 0.25 };
const choice: PredictionView = { kind: 'choice', options: [{ id: 'one', text: 'One' }, { id: 'two', text: 'Two' }] };
const ordering: PredictionView = { kind: 'ordering', order: 'ascending', items: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }] };

describe('scorePrediction', () => {
  it('counts a number within the tolerance as right, either side, and says by how much', () => {
    expect(scorePrediction(number, 1.2, 1).outcome).toBe('right');
    expect(scorePrediction(number, 0.75, 1).outcome).toBe('right');
    const off = scorePrediction(number, 2, 1);
    expect(off.outcome).toBe('wrong');
    expect(off.text).toContain('1 cores above');
  });

  it('scores a choice by the option the measurement picks', () => {
    expect(scorePrediction(choice, 'two', 'two').outcome).toBe('right');
    expect(scorePrediction(choice, 'one', 'two')).toEqual({ outcome: 'wrong', text: 'The measurement says: Two.' });
  });

  it('scores an ordering as a whole and says how many were in place', () => {
    expect(scorePrediction(ordering, ['a', 'b', 'c'], ['a', 'b', 'c']).outcome).toBe('right');
    expect(scorePrediction(ordering, ['a', 'c', 'b'], ['a', 'b', 'c'])).toEqual({ outcome: 'wrong', text: '1 of 3 in the measured place.' });
  });

  it('says "unknown" when nothing was measured, never "wrong"', () => {
    expect(scorePrediction(number, 1, null).outcome).toBe('unknown');
  });
});

describe('fitsPrediction', () => {
  it.each([
    [number, 1.5, true],
    [number, 'one', false],
    [choice, 'two', true],
    [choice, 'three', false],
    [choice, 2, false],
    [ordering, ['c', 'a', 'b'], true],
    [ordering, ['a', 'a', 'b'], false],
    [ordering, ['a', 'b'], false],
  ] as const)('%j takes %j: %s', (p, answer, fits) => {
    expect(fitsPrediction(p, answer as never)).toBe(fits);
  });
});

describe('exerciseCard', () => {
  it('gives pages no answer key, no thresholds, no measures and no host folder', () => {
    const text = [
      '---',
      'id: pick',
      'title: Pick',
      'level: 1',
      'claim: c',
      'run: { params: { kind: thread, workers: 2 } }',
      'question: q',
      'prediction: { kind: choice, options: [{ id: one, text: One, when: { equals: 1 } }, { id: two, text: Two, when: { atLeast: 2 } }] }',
      'answer: { measure: addressSpaces, expect: one }',
      'explanation: e',
      'whatIf: w',
      '---',
      'Body text.',
    ].join('\n');
    const parsed = parseExercise('/home/leader/secret/pick.md', text);
    if (!parsed.ok) throw new Error(parsed.problem.message);
    const card = exerciseCard(parsed.exercise);
    const json = JSON.stringify(card);
    expect(card.file).toBe('pick.md');
    expect(json).not.toContain('/home/leader');
    expect(json).not.toContain('expect');
    expect(json).not.toContain('when');
    expect(json).not.toContain('atLeast');
    expect(card.measure).toBe('addressSpaces');
    expect(card.runs).toBe('2 threads, cpu');
  });
});
