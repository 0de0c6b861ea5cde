import { createEngine } from '../engine/create-engine';
import type { EntryPaths } from '../engine/entries';
import { createNodeForkLauncher } from '../engine/launchers/node-fork-launcher';
import type { ProcessLauncher } from '../engine/launchers/process-launcher';
import type { Engine } from '../engine/session-api';
import { builtEntryPaths, missingEntries } from './built-entries';

/** The CLI's engine: the built worker entries (checked) and child_process.fork, which rig processes use too. */
export function createCliEngine(): { engine: Engine; launcher: ProcessLauncher; entries: EntryPaths } {
  const entries = builtEntryPaths();
  const missing = missingEntries(entries);
  if (missing) throw new Error(missing);
  const launcher = createNodeForkLauncher();
  return { engine: createEngine({ entries, launcher }), launcher, entries };
}
