import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lineOfId, parseExercise, type Exercise, type ExerciseProblem } from '../../shared';
import { PRESETS } from '../presets';

export interface LoadedExercises {
  exercises: Exercise[];
  problems: ExerciseProblem[];
}

/** Every `*.md` in a folder, easy to hard (level, then file name). A bad file is a problem; the others still load. */
export function loadExercises(dirs: readonly string[]): LoadedExercises {
  const exercises: Exercise[] = [];
  const problems: ExerciseProblem[] = [];
  const presets = PRESETS.map((p) => p.scenario.id);
  for (const dir of dirs.map((d) => resolve(d))) {
    let names: string[];
    try {
      if (!statSync(dir).isDirectory()) throw new Error('not a folder');
      names = readdirSync(dir).filter((n) => n.endsWith('.md') && n.toLowerCase() !== 'readme.md').sort();
    } catch (e) {
      problems.push({ file: dir, line: 0, message: `cannot read the exercise folder: ${(e as Error).message}` });
      continue;
    }
    for (const name of names) {
      const file = join(dir, name);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        problems.push({ file, line: 0, message: `cannot read: ${(e as Error).message}` });
        continue;
      }
      const parsed = parseExercise(file, text, { presets });
      if (!parsed.ok) problems.push(parsed.problem);
      else {
        const first = exercises.find((x) => x.id === parsed.exercise.id);
        if (first) problems.push({ file, line: lineOfId(text), message: `id '${parsed.exercise.id}' is already used by ${first.file}` });
        else exercises.push(parsed.exercise);
      }
    }
  }
  exercises.sort((a, b) => a.level - b.level || a.file.localeCompare(b.file));
  return { exercises, problems };
}

/** "file:line: message", the way compilers say it. */
export function problemText(p: ExerciseProblem): string {
  return `${p.file}${p.line > 0 ? `:${p.line}` : ''}: ${p.message}`;
}
