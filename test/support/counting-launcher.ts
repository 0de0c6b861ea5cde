import { createNodeForkLauncher, type ProcessLauncher } from '../../src/main/engine';

/** The real fork launcher, remembering what it started (folder/file of each entry): presets start their rig processes only through the launcher they are given. */
export function countingLauncher(): { launcher: ProcessLauncher; forked: string[] } {
  const real = createNodeForkLauncher();
  const forked: string[] = [];
  return { forked, launcher: { name: real.name, fork: (entry, options) => (forked.push(entry.split(/[\\/]/).slice(-2).join('/')), real.fork(entry, options)) } };
}
