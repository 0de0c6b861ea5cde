import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExercise, type Evaluation, type Exercise, type Verdict } from '../../../src/shared';
import { checkRow, formatCheckTable } from '../../../src/main/cli/exercises/check-row';
import { parsePrediction } from '../../../src/main/cli/exercises/exercise-text';
import type { ExerciseOutcome } from '../../../src/main/exercises';

const file = join(__dirname, '../../../exercises/04-processes-parallel.md');
const parsed = parseExercise(file, readFileSync(file, 'utf8'));
if (!parsed.ok) throw new Error(parsed.problem.message);
const exercise: Exercise = parsed.exercise;

const outcome = (value: number, status: Verdict['status']): ExerciseOutcome => {
  const measured = value >= 0.55 ? 'parallel' : 'turns';
  const evaluation: Evaluation = { values: [{ id: 'value', value }], measured, keyAgrees: measured === 'parallel', missing: null };
  return { verdict: { status, explanation: 'the machine was busy' } as Verdict, traces: new Map(), evaluation };
};

describe('exercises check rows', () => {
  it('pass when the key agrees; fail when it does not; inconclusive (not a failure) when the verdict says the machine could not tell', () => {
    expect(checkRow(exercise, outcome(0.92, 'supported'), 3)).toMatchObject({ status: 'pass', measured: '0.92 -> As much as the bare busy loops: they run in parallel' });
    expect(checkRow(exercise, outcome(0.4, 'not-supported'), 3)).toMatchObject({ status: 'fail', note: 'the measurement contradicts the answer key' });
    expect(checkRow(exercise, outcome(0.4, 'inconclusive'), 3)).toMatchObject({ status: 'inconclusive', note: expect.stringMatching(/machine was busy/) });
  });

  it('the table has one line per exercise, the counts, and the notes', () => {
    const table = formatCheckTable([checkRow(exercise, outcome(0.92, 'supported'), 3), checkRow(exercise, outcome(0.4, 'not-supported'), 2)]);
    expect(table.split('\n')[0]).toMatch(/^id\s+measured\s+answer key expects\s+result\s+s$/);
    expect(table).toMatch(/1 pass, 1 fail/);
    expect(table).toMatch(/processes-parallel: the measurement contradicts the answer key/);
  });
});

describe('an ordering in the table', () => {
  it('shows item ids with their values, the measured order and the key as ids', () => {
    const f = join(__dirname, '../../../exercises/09-message-cost.md');
    const p = parseExercise(f, readFileSync(f, 'utf8'));
    if (!p.ok) throw new Error(p.problem.message);
    const values = [{ id: 'small-clone', value: 30 }, { id: 'big-clone', value: 998948 }, { id: 'big-transfer', value: 953 }];
    const o: ExerciseOutcome = { verdict: null, traces: new Map(), evaluation: { values, measured: ['small-clone', 'big-transfer', 'big-clone'], keyAgrees: true, missing: null } };
    expect(checkRow(p.exercise, o, 28)).toMatchObject({
      status: 'pass',
      measured: 'small-clone 30, big-clone 998948, big-transfer 953 -> small-clone < big-transfer < big-clone',
      expected: 'small-clone < big-transfer < big-clone',
    });
  });
});

describe('typed predictions', () => {
  it('a choice by its number, an ordering as numbers, a number; nonsense is null', () => {
    expect(parsePrediction(exercise.prediction, '2')).toBe('parallel');
    expect(parsePrediction(exercise.prediction, '3')).toBeNull();
    expect(parsePrediction({ kind: 'number', unit: '', tolerance: 1 }, ' 1.5 ')).toBe(1.5);
    expect(parsePrediction({ kind: 'number', unit: '', tolerance: 1 }, 'lots')).toBeNull();
    const ordering = { kind: 'ordering' as const, order: 'ascending' as const, items: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }] } as never;
    expect(parsePrediction(ordering, '3 1 2')).toEqual(['c', 'a', 'b']);
    expect(parsePrediction(ordering, '1 1 2')).toBeNull();
  });
});
