import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EntryPaths } from '../../src/main/engine/entries';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built CLI bundle (tests run after `npm run build`). */
export const CLI_BUNDLE = join(ROOT, 'out', 'cli', 'corelanes.js');

/** Built worker entries next to the CLI bundle; throws a clear error when the build is missing. */
export function builtEntries(): EntryPaths {
  const dir = join(ROOT, 'out', 'cli', 'workers');
  const entries = { thread: join(dir, 'thread.js'), process: join(dir, 'process.js'), sampler: join(dir, 'sampler.js') };
  for (const path of Object.values(entries)) {
    if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` before the integration tests`);
  }
  return entries;
}
