import type { ChildHandle, ProcessLauncher } from '../engine/launchers/process-launcher';

/** A ProcessLauncher that knows which of its children still run, so quitting can end them all. */
export interface TrackedLauncher extends ProcessLauncher {
  /** Children started and not yet exited. */
  live(): number;
  /** Kills every live child; returns how many it asked to end. */
  killAll(): number;
}

/**
 * Wraps a launcher: every child it forks is remembered until its exit is
 * reported. Workers and rig processes both start through it (app-services.ts),
 * so one killAll reaches every process the app started this way.
 */
export function trackChildren(launcher: ProcessLauncher): TrackedLauncher {
  const children = new Set<ChildHandle>();
  return {
    name: launcher.name,
    fork(entryPath, options) {
      const child = launcher.fork(entryPath, options);
      children.add(child);
      child.onExit(() => children.delete(child));
      return child;
    },
    live: () => children.size,
    killAll() {
      const all = [...children];
      for (const child of all) child.kill();
      return all.length;
    },
  };
}
