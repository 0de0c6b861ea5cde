import { cpuUnit } from './cpu-unit';
import { CHUNK_MS, type WorkloadEnv } from './workload-env';

export interface WorkloadLimits {
  /** Stop after this many units (null = until stopped). */
  workUnits: number | null;
  /** Monotonic ms after which the workload ends by itself (null = never). */
  untilMono: number | null;
}

export function limitReached(limits: WorkloadLimits, units: number, env: WorkloadEnv): boolean {
  return (
    env.stopped() ||
    (limits.workUnits !== null && units >= limits.workUnits) ||
    (limits.untilMono !== null && env.now() >= limits.untilMono)
  );
}

/**
 * Computes one chunk (about CHUNK_MS) and returns the new total of units.
 * Checks the clock every unit so a chunk stays short even on a slow core.
 */
export function computeChunk(units: number, env: WorkloadEnv, limits: WorkloadLimits, chunkMs = CHUNK_MS): { units: number; checksum: number } {
  const end = env.now() + chunkMs;
  let checksum = 0;
  do {
    checksum ^= cpuUnit(units + 1);
    units++;
  } while (env.now() < end && (limits.workUnits === null || units < limits.workUnits));
  return { units, checksum };
}

/** `cpu`: computes in small chunks until stopped or done, counting units; yields between chunks. */
export async function runCpu(env: WorkloadEnv, limits: WorkloadLimits, startUnits = 0): Promise<number> {
  let units = startUnits;
  env.setPhase('compute');
  while (!limitReached(limits, units, env)) {
    units = computeChunk(units, env, limits).units;
    env.chunkDone(units);
    await env.yieldToLoop();
  }
  return units;
}
