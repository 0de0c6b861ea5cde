import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bundled exercises: next to the CLI bundle (out/cli/exercises), or the source tree's exercises/ when run from it. */
export function bundledExercisesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const dirs = [join(here, 'exercises'), resolve(process.cwd(), 'exercises')];
  return dirs.find((d) => existsSync(d)) ?? dirs[0]!;
}

/** The folders to read: DIR when given (else the bundled set), plus every --exercises folder. */
export function exerciseDirs(dir: string | undefined, extra: readonly string[] = []): string[] {
  return [dir ?? bundledExercisesDir(), ...extra];
}
