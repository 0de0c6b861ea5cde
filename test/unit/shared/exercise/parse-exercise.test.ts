import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExercise, type ParsedExercise } from '../../../../src/shared';

const DIR = join(__dirname, '../../../fixtures/exercises/broken');
const GOOD = readFileSync(join(DIR, '01-good.md'), 'utf8');
const PRESETS = ['gil-cpu-threads', 'cpu-threads'];

const parse = (text: string, presets = PRESETS): ParsedExercise => parseExercise('x.md', text, { presets });
const problemOf = (name: string) => {
  const r = parseExercise(name, readFileSync(join(DIR, name), 'utf8'), { presets: PRESETS });
  if (r.ok) throw new Error(`${name} parsed`);
  return r.problem;
};

describe('parseExercise', () => {
  it('reads a good file: front matter, defaults and the participant text', () => {
    const r = parse(GOOD);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.exercise.id).toBe('good-threads');
    expect(r.exercise.run).toMatchObject({ params: { kind: 'thread', workload: 'memory', workers: 2, memoryMb: 8, durationS: 0.5 }, repeats: 1 });
    expect(r.exercise.answer.measure?.of).toEqual({ from: 'metric', run: null, metric: 'addressSpaces' });
    expect(r.exercise.body).toBe('The participant text.');
  });

  it('reads CRLF line ends and a byte-order mark', () => {
    expect(parse(`\uFEFF${GOOD.replace(/\n/g, '\r\n')}`).ok).toBe(true);
  });

  // Each broken file: the line it names and words of its message.
  const cases: [string, number, RegExp][] = [
    ['bad-yaml.md', 9, /^YAML: Flow sequence/],
    ['missing-title.md', 1, /^title: missing \(required\)/],
    ['wrong-type.md', 4, /^level: .*expected number/],
    ['unknown-preset.md', 7, /unknown preset 'no-such-preset'; known: gil-cpu-threads, cpu-threads/],
    ['bad-expect.md', 16, /answer.expect: a choice expects one of the option ids: one, two/],
    ['bad-measure.md', 15, /'coresUsed' is not a measured quantity/],
    ['bad-param.md', 7, /run.params.workers: workers must be at least 1/],
    ['no-front-matter.md', 1, /no front matter/],
  ];
  it.each(cases)('%s: says line %i and why', (name, line, message) => {
    const p = problemOf(name);
    expect(p.file).toBe(name);
    expect(p.line).toBe(line);
    expect(p.message).toMatch(message);
  });

  it('a key of a nested object points at its own line, not its parent', () => {
    const text = GOOD.replace('    - { id: two, text: "Two", when: { atLeast: 2 } }', '    - id: two\n      text: "Two"\n      when: { atLest: 2 }');
    const r = parse(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatchObject({ line: 15, message: expect.stringMatching(/^prediction.options.1.when: .*atLest/) });
  });

  it('refuses what the measure cannot answer: a verdict number without a preset, a run id that does not exist', () => {
    const noPreset = parse(GOOD.replace('measure: addressSpaces', 'measure: numbers.parallelism'));
    expect(!noPreset.ok && noPreset.problem.message).toMatch(/numbers.parallelism needs a preset run/);
    const compare = GOOD.replace('  params: { kind: thread, workload: memory, workers: 2, memoryMb: 8, durationS: 0.5 }', '  compare:\n    - { id: a, label: A, params: { kind: thread } }\n    - { id: b, label: B, params: { kind: process } }');
    const badRun = parse(compare.replace('measure: addressSpaces', 'measure: c.addressSpaces / a.addressSpaces'));
    expect(!badRun.ok && badRun.problem.message).toMatch(/no compared run has id 'c' \(a, b\)/);
    const unqualified = parse(compare);
    expect(!unqualified.ok && unqualified.problem.message).toMatch(/say which compared run/);
    expect(parse(compare.replace('measure: addressSpaces', 'measure: b.addressSpaces / a.addressSpaces')).ok).toBe(true);
  });

  it('checks the answer key against the prediction kind: a number for a number, every item once for an ordering', () => {
    const number = GOOD.replace(/prediction:[\s\S]*?answer:/, 'prediction:\n  kind: number\n  unit: ""\n  tolerance: 0\nanswer:');
    expect(!parse(number).ok && (parse(number) as { problem: { message: string } }).problem.message).toMatch(/a number prediction expects a number/);
    expect(parse(number.replace('expect: one', 'expect: 1')).ok).toBe(true);
    const ordering = GOOD.replace(/prediction:[\s\S]*?answer:\n {2}measure: addressSpaces\n/, 'prediction:\n  kind: ordering\n  items:\n    - { id: a, label: A, measure: wallMs }\n    - { id: b, label: B, measure: cpu }\nanswer:\n');
    expect((parse(ordering) as { problem: { message: string; line: number } }).problem).toMatchObject({ line: 13, message: expect.stringMatching(/'cpu' is not a measured quantity/) });
    const fixed = ordering.replace('measure: cpu', 'measure: workerCpuMs');
    expect((parse(fixed) as { problem: { message: string } }).problem.message).toMatch(/an ordering expects every item id once: a, b/);
    expect(parse(fixed.replace('expect: one', 'expect: [b, a]')).ok).toBe(true);
  });

  it('an empty body is an error: the participant needs text', () => {
    const r = parse(GOOD.replace('The participant text.\n', ''));
    expect(!r.ok && r.problem.message).toMatch(/no text after the front matter/);
  });

  it('unknown keys are errors (a typo must not pass silently)', () => {
    const r = parse(GOOD.replace('whatIf:', 'whatif:'));
    expect(r.ok).toBe(false);
  });
});
