import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PYTHON_WORKERS_SCRIPT = 'corelanes_workers.py';

/**
 * Where the Python programs are: next to the built worker entries
 * (out/cli/workers/python, copied by build-cli), else in the sources.
 */
export function pythonWorkersScriptPath(threadEntry?: string): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    threadEntry ? join(dirname(threadEntry), 'python', PYTHON_WORKERS_SCRIPT) : null,
    join(here, 'workers', 'python', PYTHON_WORKERS_SCRIPT),
    join(here, '..', '..', 'workers', 'python', PYTHON_WORKERS_SCRIPT),
    resolve('src', 'workers', 'python', PYTHON_WORKERS_SCRIPT),
  ];
  return candidates.find((c): c is string => c !== null && existsSync(c)) ?? null;
}
