import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EntryPaths } from '../engine/entries';

/**
 * The worker entry files next to the CLI bundle (out/cli/workers/*.js). When
 * run from source (tsx), falls back to out/cli under the working directory.
 */
export function builtEntryPaths(): EntryPaths {
  const here = dirname(fileURLToPath(import.meta.url));
  const dirs = [join(here, 'workers'), resolve(process.cwd(), 'out', 'cli', 'workers')];
  const dir = dirs.find((d) => existsSync(join(d, 'process.js'))) ?? dirs[0]!;
  return { thread: join(dir, 'thread.js'), process: join(dir, 'process.js'), sampler: join(dir, 'sampler.js') };
}

/** One line saying what is missing, or null when every entry is built. */
export function missingEntries(entries: EntryPaths): string | null {
  const missing = Object.values(entries).filter((p) => !existsSync(p));
  return missing.length ? `worker entry files are missing (${missing.join(', ')}): run \`npm run build\`` : null;
}
