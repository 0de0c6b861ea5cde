import type { EntryPaths } from '../engine/entries';
import processEntry from '../../workers/process-entry?modulePath';
import { builtWorkerPath } from './worker-paths';

/**
 * The worker entry files. The process entry is bundled by electron-vite
 * (?modulePath) and started with utilityProcess.fork. The thread and sampler
 * entries are the ones scripts/build-cli.mjs builds into out/cli/workers,
 * because the engine finds sibling entries next to the thread entry by name
 * (gil-thread.js next to thread.js), which electron-vite's hashed chunk names
 * would break. Same sources either way.
 */
export function electronEntries(mainDir: string): EntryPaths {
  return { process: processEntry, thread: builtWorkerPath(mainDir, 'thread'), sampler: builtWorkerPath(mainDir, 'sampler') };
}
