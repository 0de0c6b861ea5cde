import type { ChildHandle, ProcessHost } from '../engine/hosts/process-host';

/** A ProcessHost that knows which of its children still run, so quitting can end them all. */
export interface TrackedProcessHost extends ProcessHost {
  /** Children started and not yet exited. */
  live(): number;
  /** Kills every live child; returns how many it asked to end. */
  killAll(): number;
}

/**
 * Wraps a host: every child it forks is remembered until its exit is
 * reported. Workers and lab processes both start through it (app-services.ts),
 * so one killAll reaches every process the app started this way.
 */
export function trackChildren(host: ProcessHost): TrackedProcessHost {
  const children = new Set<ChildHandle>();
  return {
    name: host.name,
    fork(entryPath, options) {
      const child = host.fork(entryPath, options);
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
