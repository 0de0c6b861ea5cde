import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TraceSchema, VerdictSchema } from '../../../src/shared';
import { createEngine } from '../../../src/main/engine';
import { countingLauncher } from '../../support/counting-launcher';
import { loadExercises, problemText, runExercise } from '../../../src/main/exercises';
import { checkRow, formatCheckTable, type CheckRow } from '../../../src/main/cli/exercises/check-row';
import { builtEntries, ROOT } from '../../support/entries';

// `corelanes exercises check` on the whole bundled set (issue 13), as a leader runs it before a workshop: every
// exercise runs on this machine and its measurement agrees with its own answer key, or its verdict says why it
// cannot tell (inconclusive, with the reason: a busy machine). Each preset exercise's verdict is a valid verdict v2
// with its traces, which also covers those presets end to end (presets.test.ts runs the rest).
const entries = builtEntries();
// The real fork launcher, remembering what it started: presets start their rig processes only through ctx.launcher.
const { launcher, forked } = countingLauncher();
const engine = createEngine({ entries, launcher });
const rows: CheckRow[] = [];
afterAll(async () => {
  await engine.dispose();
  console.log(formatCheckTable(rows));
});

const { exercises, problems } = loadExercises([join(ROOT, 'exercises')]);

describe('the bundled exercises', () => {
  it('load without a problem, at least 12, ordered by level', () => {
    expect(problems.map(problemText)).toEqual([]);
    expect(exercises.length).toBeGreaterThanOrEqual(12);
    const levels = exercises.map((x) => x.level);
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
  });

  for (const exercise of exercises) {
    it(`${exercise.id}: the measurement agrees with the answer key, or the verdict says why it cannot tell`, async () => {
      const started = performance.now();
      const outcome = await runExercise({ engine, launcher, samplerEntry: entries.sampler, threadEntry: entries.thread }, exercise);
      const row = checkRow(exercise, outcome, (performance.now() - started) / 1000);
      rows.push(row);
      expect(row.status, `${row.id}: measured ${row.measured}, expected ${row.expected}; ${row.note ?? ''}`).toMatch(/^(pass|inconclusive)$/);
      if (row.status === 'inconclusive') expect(outcome.verdict?.explanation).toMatch(/^Inconclusive: .{20,}/);
      if (outcome.verdict) {
        const v = VerdictSchema.parse(outcome.verdict);
        expect(v.numbers.length).toBeGreaterThan(1);
        expect(v.charts.length).toBeGreaterThan(0);
        expect(v.explanation.length).toBeGreaterThan(20);
      }
      for (const traces of outcome.traces.values()) for (const t of traces) expect(TraceSchema.safeParse(t).success).toBe(true);
    }, 180_000);
  }

  it('every rig process (pools, message-cost, crash) started through the context\'s launcher', () => {
    // In Electron that launcher is utilityProcess.fork; child_process.fork would fail there with the runAsNode fuse off.
    expect(new Set(forked.filter((f) => f.startsWith('rigs/')))).toEqual(new Set(['rigs/task-worker.js', 'rigs/echo.js', 'rigs/crash-victim.js']));
  });
});
