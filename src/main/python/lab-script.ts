import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LAB_SCRIPT = 'corelanes_lab.py';

/** The Python lab program beside the built worker entries (out/cli/workers/python, copied by build-cli). */
export function labScriptBeside(threadEntry: string): string {
  return join(dirname(threadEntry), 'python', LAB_SCRIPT);
}

/**
 * Where the Python programs are: next to the built worker entries, else in
 * the sources.
 */
export function labScriptPath(threadEntry?: string): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    threadEntry ? labScriptBeside(threadEntry) : null,
    join(here, 'workers', 'python', LAB_SCRIPT),
    join(here, '..', '..', 'workers', 'python', LAB_SCRIPT),
    resolve('src', 'workers', 'python', LAB_SCRIPT),
  ];
  return candidates.find((c): c is string => c !== null && existsSync(c)) ?? null;
}
