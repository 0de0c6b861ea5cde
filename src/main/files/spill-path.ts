import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reasonOf } from './fs-reason';

/**
 * Where a run with no trace file of its own streams once it outgrows memory:
 * a new folder only this user may enter (mkdtemp makes it 0700), under `dir`
 * (the OS temp folder by default; the app's userData/spill, made 0700 when
 * missing), named after the run.
 */
export function spillPath(runId: string, dir: string = tmpdir()): string {
  let folder: string;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    folder = mkdtempSync(join(dir, 'corelanes-'));
  } catch (error) {
    throw new Error(`cannot write the trace to a spill file in ${dir}: ${reasonOf((error as NodeJS.ErrnoException).code)}`);
  }
  return join(folder, `${runId.replace(/[^A-Za-z0-9_-]/g, '_')}.corelanes.jsonl.gz`);
}
