import { describe, expect, it } from 'vitest';
import { agrees, answerText, evaluate, measuredOrder, optionFor, parseMeasure, type Prediction, type Quantity } from '../../../../src/shared';

const choice: Prediction = {
  kind: 'choice',
  options: [
    { id: 'turns', text: 'take turns', when: { below: 0.65 } },
    { id: 'parallel', text: 'in parallel', when: { atLeast: 0.65 } },
  ],
};

/** A lookup over a fixed table, keyed by the quantity's text. */
const table = (values: Record<string, number | string>) => (q: Quantity) => values[q.from === 'status' ? 'status' : q.from === 'metric' ? `${q.run ? `${q.run}.` : ''}${q.metric}` : `${q.from}.${q.key}`];

describe('measure expressions', () => {
  it('parse one quantity or a ratio; refuse three parts, unknown metrics, and dividing a status', () => {
    expect(parseMeasure('numbers.process.speedup / numbers.gil-thread.speedup')).toMatchObject({ of: { from: 'numbers', key: 'process.speedup' }, per: { from: 'numbers', key: 'gil-thread.speedup' } });
    expect(parseMeasure('join.threadCpuMs').of).toEqual({ from: 'metric', run: 'join', metric: 'threadCpuMs' });
    expect(() => parseMeasure('a / b / c')).toThrow(/one quantity or "A \/ B"/);
    expect(() => parseMeasure('coresUsed')).toThrow(/not a measured quantity/);
    expect(() => parseMeasure('status / numbers.x')).toThrow(/cannot be divided/);
  });
});

describe('evaluate', () => {
  it('a choice: the measured ratio picks the option; the key agrees or not', () => {
    const answer = { measure: parseMeasure('numbers.parallelism / numbers.baselineCores'), expect: 'parallel' };
    const quiet = evaluate({ prediction: choice, answer }, table({ 'numbers.parallelism': 1.8, 'numbers.baselineCores': 1.95 }));
    expect(quiet).toMatchObject({ measured: 'parallel', keyAgrees: true, missing: null });
    expect(quiet.values[0]!.value).toBeCloseTo(0.923, 3);
    expect(evaluate({ prediction: choice, answer }, table({ 'numbers.parallelism': 0.9, 'numbers.baselineCores': 1.9 })).keyAgrees).toBe(false);
  });

  it('a number within its tolerance agrees, outside does not', () => {
    const prediction: Prediction = { kind: 'number', unit: 'x', tolerance: 0.3 };
    const answer = { measure: parseMeasure('numbers.a / numbers.b'), expect: 0.5 };
    expect(evaluate({ prediction, answer }, table({ 'numbers.a': 0.79, 'numbers.b': 1 })).keyAgrees).toBe(true);
    expect(evaluate({ prediction, answer }, table({ 'numbers.a': 0.81, 'numbers.b': 1 })).keyAgrees).toBe(false);
  });

  it('an ordering sorts the items by their own measures', () => {
    const prediction: Prediction = {
      kind: 'ordering',
      order: 'ascending',
      items: [
        { id: 'small', label: '1 KB clone', measure: parseMeasure('raw.clone.1KB.us') },
        { id: 'big', label: '64 MB clone', measure: parseMeasure('raw.clone.64MB.us') },
        { id: 'moved', label: '64 MB transfer', measure: parseMeasure('raw.transfer.64MB.us') },
      ],
    };
    const e = evaluate({ prediction, answer: { expect: ['small', 'moved', 'big'] } }, table({ 'raw.clone.1KB.us': 20, 'raw.clone.64MB.us': 500_000, 'raw.transfer.64MB.us': 900 }));
    expect(e).toMatchObject({ measured: ['small', 'moved', 'big'], keyAgrees: true });
    expect(answerText(prediction, e.measured)).toBe('1 KB clone < 64 MB transfer < 64 MB clone');
  });

  it('a quantity the run did not produce, or a division by zero, is missing rather than a wrong answer', () => {
    const answer = { measure: parseMeasure('numbers.parallelism / numbers.baselineCores'), expect: 'parallel' };
    expect(evaluate({ prediction: choice, answer }, table({ 'numbers.parallelism': 1 })).missing).toMatch(/numbers.baselineCores was not measured/);
    expect(evaluate({ prediction: choice, answer }, table({ 'numbers.parallelism': 1, 'numbers.baselineCores': 0 })).missing).toMatch(/cannot divide/);
  });
});

describe('grading', () => {
  it('optionFor: every condition of an option must hold; equals matches numbers and words', () => {
    const options = [
      { id: 'none', text: 'none', when: { equals: 0 } },
      { id: 'part', text: 'part', when: { atLeast: 0.3, below: 0.8 } },
      { id: 'all', text: 'all', when: { atLeast: 0.8 } },
      { id: 'ok', text: 'ok', when: { equals: 'supported' } },
    ];
    expect([0, 0.1, 0.3, 0.79, 0.8, 'supported', 'partly'].map((v) => optionFor(options, v))).toEqual(['none', null, 'part', 'part', 'all', 'ok', null]);
  });

  it('measuredOrder: descending puts the largest first', () => {
    expect(measuredOrder('descending', [{ id: 'a', value: 1 }, { id: 'b', value: 3 }, { id: 'c', value: 2 }])).toEqual(['b', 'c', 'a']);
  });

  it('agrees: a participant ordering must match exactly', () => {
    const p: Prediction = { kind: 'ordering', order: 'ascending', items: [] };
    expect(agrees(p, ['a', 'b'], ['a', 'b'])).toBe(true);
    expect(agrees(p, ['b', 'a'], ['a', 'b'])).toBe(false);
    expect(agrees(p, ['a', 'b'], null)).toBe(false);
  });
});
