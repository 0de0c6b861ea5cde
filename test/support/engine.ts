import { createEngine } from '../../src/main/engine/create-engine';
import { createNodeForkLauncher } from '../../src/main/engine/launchers/node-fork-launcher';
import type { SessionTiming } from '../../src/main/engine/session/timing';
import type { Engine } from '../../src/main/engine/session-api';
import type { TaskMetrics, Trace } from '../../src/shared';
import { builtEntries } from './entries';

/** A real engine over the built entries and child_process.fork. */
export function realEngine(timing?: Partial<SessionTiming>): Engine {
  return createEngine({ entries: builtEntries(), launcher: createNodeForkLauncher(), timing });
}

/** The run's workers (not the host's main and sampler threads) in a finished trace. */
export function workerMetrics(trace: Trace): TaskMetrics[] {
  return (trace.metrics?.tasks ?? []).filter((t) => t.kind !== 'main' && t.kind !== 'sampler');
}

/**
 * Runs `attempt` up to `tries` times and returns the first result that passes
 * `ok`, else the last one. For physical facts on a shared 2-core machine: a
 * neighbour's compile can steal a core for a moment, but a claim that never
 * holds in three tries still fails.
 */
export async function bestOf<T>(tries: number, attempt: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  let last!: T;
  for (let i = 0; i < tries; i++) {
    last = await attempt();
    if (ok(last)) return last;
  }
  return last;
}
