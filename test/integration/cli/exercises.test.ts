import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_BUNDLE } from '../../support/entries';

const BROKEN = join(__dirname, '../../fixtures/exercises/broken');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI_BUNDLE, 'exercises', ...args], { encoding: 'utf8', timeout: 60_000, input: '' });

interface Row {
  id: string;
  status: string;
  values: { value: number | string }[];
}

// Two cheap exercises (1 s runs of 2 workers, deterministic answers): the full bundled set is too slow for CI.
describe('corelanes exercises check', () => {
  it('names every broken file with its line, still runs the good ones, and exits 1', () => {
    const r = cli('check', BROKEN, '--exercises', 'exercises-not-there', '--json', '--only', 'good-threads');
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/bad-yaml\.md:9: YAML: /);
    expect(r.stderr).toMatch(/wrong-type\.md:4: level: /);
    expect(r.stderr).toMatch(/unknown-preset\.md:7: run\.preset: unknown preset 'no-such-preset'/);
    expect(r.stderr).toMatch(/duplicate-id\.md:2: id 'good-threads' is already used/);
    expect(r.stderr).toMatch(/exercises-not-there: cannot read the exercise folder/);
    const out = JSON.parse(r.stdout) as { problems: { file: string; line: number }[]; rows: Row[] };
    // 9 broken files and the folder that is not there.
    expect(out.problems).toHaveLength(10);
    expect(out.problems.find((p) => p.file.endsWith('bad-param.md'))?.line).toBe(7);
    expect(out.rows).toMatchObject([{ id: 'good-threads', status: 'pass', values: [{ value: 1 }] }]);
  });

  it('a bundled exercise with processes passes, measuring one address space per process', () => {
    const r = cli('check', '--only', 'processes-own-memory');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^processes-own-memory\s+2 -> Two: one each\s+Two: one each\s+PASS/m);
    expect(r.stdout).toMatch(/^1 pass$/m);
  });
});

describe('corelanes exercises run', () => {
  it('without a terminal asks nothing: prints the question, runs, then the measurement, the key and the explanation', () => {
    const r = cli('run', 'threads-share-memory');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Question: Two worker threads each allocate/);
    expect(r.stdout).not.toMatch(/Your prediction/);
    expect(r.stdout).toMatch(/Measured: 1 -> One: both live in the app's own memory/);
    expect(r.stdout).toMatch(/Answer key: One: both live in the app's own memory: agrees with the measurement/);
    expect(r.stdout).toMatch(/Why: A thread is a path of execution/);
    expect(r.stdout).toMatch(/What if: /);
  });

  it('an unknown id says which ones exist', () => {
    const r = cli('run', 'no-such-exercise');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no exercise 'no-such-exercise'; known: threads-share-memory, /);
  });
});
