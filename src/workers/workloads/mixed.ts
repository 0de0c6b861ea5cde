import { computeChunk, limitReached, type WorkloadLimits } from './cpu';
import { ioStep } from './io';
import type { WorkloadEnv } from './workload-env';

/** Compute time between two I/O steps. */
export const MIXED_COMPUTE_MS = 20;

/** `mixed`: ~20 ms of computation, then one I/O step, alternating. Units: CPU units plus I/O steps. */
export async function runMixed(env: WorkloadEnv, limits: WorkloadLimits, startUnits = 0): Promise<number> {
  let units = startUnits;
  while (!limitReached(limits, units, env)) {
    env.setPhase('compute');
    const burstEnd = env.now() + MIXED_COMPUTE_MS;
    while (env.now() < burstEnd && !limitReached(limits, units, env)) {
      units = computeChunk(units, env, limits).units;
      env.chunkDone(units);
    }
    if (limitReached(limits, units, env)) break;
    await ioStep(env);
    units++;
    env.chunkDone(units);
  }
  return units;
}
