import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExercises, problemText } from '../../../src/main/exercises';

const BROKEN = join(__dirname, '../../fixtures/exercises/broken');
const BUNDLED = join(__dirname, '../../../exercises');

describe('loadExercises', () => {
  it('a folder of broken files: each bad file is one problem with file and line, and the good one still loads', () => {
    const { exercises, problems } = loadExercises([BROKEN]);
    expect(exercises.map((x) => x.id)).toEqual(['good-threads']);
    const files = readdirSync(BROKEN).filter((n) => n !== '01-good.md');
    expect(problems.map((p) => p.file.split('/').at(-1)).sort()).toEqual(files.sort());
    const dup = problems.find((p) => p.file.endsWith('duplicate-id.md'))!;
    expect(problemText(dup)).toMatch(/duplicate-id\.md:2: id 'good-threads' is already used by .*01-good\.md$/);
    expect(problems.find((p) => p.file.endsWith('unknown-preset.md'))!.message).toMatch(/unknown preset 'no-such-preset'/);
  });

  it('a folder that does not exist is one problem, and the other folders still load', () => {
    const { exercises, problems } = loadExercises(['/nonexistent/exercises', BROKEN]);
    expect(problems[0]).toMatchObject({ file: '/nonexistent/exercises', line: 0 });
    expect(exercises).toHaveLength(1);
  });

  it('the bundled set: at least 12 valid exercises, easy to hard, every level, every run kind, every prediction kind', () => {
    const { exercises, problems } = loadExercises([BUNDLED]);
    expect(problems.map(problemText)).toEqual([]);
    expect(exercises.length).toBeGreaterThanOrEqual(12);
    const levels = exercises.map((x) => x.level);
    expect(levels).toEqual([...levels].sort());
    expect(new Set(levels)).toEqual(new Set([1, 2, 3]));
    expect(new Set(exercises.map((x) => x.prediction.kind))).toEqual(new Set(['number', 'choice', 'ordering']));
    const runs = exercises.map((x) => Object.keys(x.run).find((k) => ['preset', 'params', 'command', 'compare'].includes(k)));
    expect(new Set(runs)).toEqual(new Set(['preset', 'params', 'compare']));
    // "Run my own program": a traced python3 script that is in the folder.
    expect(exercises.some((x) => 'compare' in x.run && x.run.compare.some((r) => r.command?.[0] === 'python3'))).toBe(true);
  });
});
