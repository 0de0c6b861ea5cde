import type { EntryPaths } from '../engine/entries';
import { builtWorkerPath } from './worker-paths';

/**
 * The worker entry files: the ones scripts/build-cli.mjs builds into
 * out/cli/workers, the same files the CLI starts (each bundles what it
 * imports, zod included). Packaged, they are unpacked from app.asar: worker
 * threads and the Python programs need real files, utilityProcess.fork of a
 * path inside app.asar has been unreliable (electron/electron#41396), and the
 * engine finds sibling entries next to the thread entry by name (gil-thread.js
 * next to thread.js, rigs/ and python/ beside them).
 */
export function electronEntries(mainDir: string): EntryPaths {
  return { process: builtWorkerPath(mainDir, 'process'), thread: builtWorkerPath(mainDir, 'thread'), sampler: builtWorkerPath(mainDir, 'sampler') };
}
