import { describe, expect, it } from 'vitest';
import { PROGRESS_KEY, progressSummary, readProgress, withOutcome, withPrediction, writeProgress, type KeyValueStorage } from '../../../../src/renderer/exercises/progress';

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('exercise progress in the browser storage', () => {
  it('survives a reload: what one page wrote, the next reads', () => {
    const storage = memoryStorage();
    let p = withPrediction({}, 'gil-takes-turns', 0.5, 1000);
    p = withOutcome(p, 'gil-takes-turns', 'right', 2000);
    p = withPrediction(p, 'crash-impact', 'process', 3000);
    writeProgress(storage, p);
    const again = readProgress(storage);
    expect(again).toEqual(p);
    expect(again['gil-takes-turns']).toEqual({ answer: 0.5, outcome: 'right', at: 2000 });
    expect(progressSummary(again, ['gil-takes-turns', 'crash-impact', 'oversubscribe'])).toBe('1 of 3 done, 1 right');
  });

  it('a new prediction clears the old outcome until the next measurement', () => {
    const p = withPrediction(withOutcome(withPrediction({}, 'x', 1, 1), 'x', 'wrong', 2), 'x', 2, 3);
    expect(p.x).toEqual({ answer: 2, outcome: null, at: 3 });
  });

  it.each([
    ['not JSON', '{'],
    ['an array', '[1,2]'],
    ['null', 'null'],
  ])('reads %s as no progress, without throwing', (_what, text) => {
    expect(readProgress(memoryStorage({ [PROGRESS_KEY]: text }))).toEqual({});
  });

  it('drops entries it cannot read and keeps the rest', () => {
    const text = JSON.stringify({ good: { answer: 'one', outcome: null, at: 1 }, bad: { answer: { nested: true }, outcome: 'maybe', at: 'x' }, 'BAD ID': { answer: 1, outcome: null, at: 1 } });
    expect(Object.keys(readProgress(memoryStorage({ [PROGRESS_KEY]: text })))).toEqual(['good']);
  });

  it('works without storage, and when storage throws (privacy mode, full)', () => {
    expect(readProgress(null)).toEqual({});
    const refusing: KeyValueStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readProgress(refusing)).toEqual({});
    expect(() => writeProgress(refusing, { x: { answer: 1, outcome: null, at: 1 } })).not.toThrow();
  });
});
