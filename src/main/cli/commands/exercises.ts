import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import { agrees, answerText, type Exercise, type ExerciseProblem } from '../../../shared';
import { ExerciseUnavailable, loadExercises, problemText, runExercise, type ExerciseOutcome } from '../../exercises';
import { createCliEngine } from '../cli-engine';
import { checkRow, errorRow, formatCheckTable, type CheckRow } from '../exercises/check-row';
import { exerciseDirs } from '../exercises/exercise-dirs';
import { howToAnswer, parsePrediction, questionText } from '../exercises/exercise-text';
import { formatVerdict } from '../run/format-summary';

interface Common {
  exercises?: string[];
  json?: boolean;
  only?: string;
}

const withFolders = (c: Command) => c.option('--exercises <dir...>', "also read a folder of your own exercises (*.md); repeatable");

/** Loads the folders; prints every bad file (file:line: why) to stderr; the good ones are returned. */
function load(dir: string | undefined, opts: Common): { exercises: Exercise[]; bad: number; problems: ExerciseProblem[] } {
  const { exercises, problems } = loadExercises(exerciseDirs(dir, opts.exercises));
  for (const p of problems) process.stderr.write(`corelanes: ${problemText(p)}\n`);
  return { exercises, bad: problems.length, problems };
}

/** One engine for a batch of exercises, disposed after; Ctrl-C stops the current run. */
async function withEngine<T>(work: (run: (x: Exercise) => Promise<ExerciseOutcome>, stopped: () => boolean) => Promise<T>): Promise<T> {
  const { engine, launcher, entries } = createCliEngine();
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await work((x) => runExercise({ engine, launcher, samplerEntry: entries.sampler, signal: abort.signal }, x), () => abort.signal.aborted);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await engine.dispose();
    setTimeout(() => process.exit(), 2000).unref();
  }
}

async function checkOne(run: (x: Exercise) => Promise<ExerciseOutcome>, x: Exercise): Promise<CheckRow> {
  const t0 = performance.now();
  const seconds = () => (performance.now() - t0) / 1000;
  try {
    return checkRow(x, await run(x), seconds());
  } catch (e) {
    return errorRow(x, e instanceof ExerciseUnavailable ? 'unavailable' : 'error', (e as Error).message, seconds());
  }
}

async function checkAction(dir: string | undefined, opts: Common): Promise<void> {
  const { exercises, bad, problems } = load(dir, opts);
  const only = opts.only?.split(',').map((s) => s.trim());
  const chosen = only ? exercises.filter((x) => only.includes(x.id)) : exercises;
  const unknown = only?.filter((id) => !exercises.some((x) => x.id === id)) ?? [];
  for (const id of unknown) process.stderr.write(`corelanes: --only: no exercise '${id}'\n`);
  const rows = await withEngine(async (run, stopped) => {
    const out: CheckRow[] = [];
    for (const x of chosen) {
      // Ctrl-C ends the current exercise (its row says so) and the check.
      if (stopped()) break;
      if (!opts.json && process.stderr.isTTY) process.stderr.write(`checking ${x.id} ...\n`);
      out.push(await checkOne(run, x));
    }
    return out;
  });
  if (rows.length < chosen.length) process.stderr.write(`corelanes: stopped after ${rows.length} of ${chosen.length} exercises\n`);
  const failed = rows.filter((r) => r.status === 'fail' || r.status === 'error').length;
  if (opts.json) process.stdout.write(`${JSON.stringify({ problems, rows }, null, 2)}\n`);
  else process.stdout.write(`${formatCheckTable(rows)}${bad ? `\n${bad} invalid file(s) or folder(s), listed above` : ''}\n`);
  if (bad || failed || unknown.length || rows.length < chosen.length) process.exitCode = 1;
}

function listAction(dir: string | undefined, opts: Common): void {
  const { exercises, bad } = load(dir, opts);
  if (opts.json) process.stdout.write(`${JSON.stringify(exercises, null, 2)}\n`);
  else {
    const runs = (x: Exercise) => ('preset' in x.run ? `preset ${x.run.preset}` : 'compare' in x.run ? `compare ${x.run.compare.map((r) => r.id).join(' / ')}` : 'command' in x.run ? `trace ${x.run.command.join(' ')}` : 'one run');
    for (const x of exercises) process.stdout.write(`${x.level}  ${x.id.padEnd(28)} ${x.title}  [${runs(x)}, ${x.prediction.kind}]\n`);
  }
  if (bad) process.exitCode = 1;
}

/** Asks for a prediction on a terminal; nothing when stdin is not one (a script, CI). */
async function askPrediction(x: Exercise): Promise<number | string | string[] | null> {
  if (!process.stdin.isTTY) return null;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    for (;;) {
      const typed = await rl.question('Your prediction (empty to skip): ');
      if (typed.trim() === '') return null;
      const p = parsePrediction(x.prediction, typed);
      if (p !== null) return p;
      process.stdout.write(`Not understood. ${howToAnswer(x.prediction)}\n`);
    }
  } finally {
    rl.close();
  }
}

async function runAction(id: string, opts: Common): Promise<void> {
  const { exercises } = load(undefined, opts);
  const x = exercises.find((e) => e.id === id);
  if (!x) throw new Error(`no exercise '${id}'; known: ${exercises.map((e) => e.id).join(', ')}`);
  process.stdout.write(`${questionText(x)}\n\n`);
  const prediction = await askPrediction(x);
  process.stdout.write('Running ...\n');
  const { outcome, row } = await withEngine(async (run) => {
    const t0 = performance.now();
    const o = await run(x);
    return { outcome: o, row: checkRow(x, o, (performance.now() - t0) / 1000) };
  });
  const said: Record<CheckRow['status'], string> = { pass: 'agrees with the measurement', fail: 'the measurement contradicts it', inconclusive: 'the measurement differs, but the machine was too busy to tell (see the verdict)', unavailable: '', error: row.note ?? '' };
  const lines = [`Measured: ${row.measured}`, `Answer key: ${row.expected}: ${said[row.status]}`];
  if (prediction !== null) lines.push(`Your prediction: ${answerText(x.prediction, prediction)}: ${agrees(x.prediction, prediction, outcome.evaluation.measured) ? 'right' : 'not what was measured'}`);
  if (outcome.verdict) lines.push('', formatVerdict(outcome.verdict));
  lines.push('', `Why: ${x.explanation}`, '', `What if: ${x.whatIf}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (row.status === 'fail' || row.status === 'error') process.exitCode = 1;
}

/** `corelanes exercises list|check|run`: workshop exercises (docs/workshop.md). */
export function exercisesCommand(): Command {
  const cmd = new Command('exercises').description('workshop exercises: predict, run, compare with the measurement (docs/workshop.md)');
  cmd.addCommand(withFolders(new Command('list').description('list the exercises, easy to hard; bad files are reported with file and line').argument('[dir]', 'a folder of exercise files instead of the bundled set').option('--json', 'print them as JSON')).action(listAction));
  cmd.addCommand(
    withFolders(
      new Command('check')
        .description("validate every exercise file and run each one headless; the table says what was measured and what the answer key expects. Exit 1 when a file is invalid or a measurement contradicts its key; 'inconclusive' (the machine too busy to tell, as the verdict says) does not fail")
        .argument('[dir]', 'a folder of exercise files instead of the bundled set')
        .option('--only <ids>', 'check only these exercises (comma-separated ids)')
        .option('--json', 'print the rows as JSON'),
    ).action(checkAction),
  );
  cmd.addCommand(withFolders(new Command('run').description('show an exercise, ask for a prediction (on a terminal), run it, and compare').argument('<id>', 'the exercise id (see `exercises list`)')).action(runAction));
  return cmd;
}
