import { limitReached, type WorkloadLimits } from './cpu';
import type { WorkloadEnv } from './workload-env';

/** Timer wait per I/O step: long enough to be visibly asleep, short enough to stop promptly. */
export const IO_SLEEP_MS = 10;

/**
 * One I/O unit: a real read of the scratch file (phase io), then a real timer
 * wait (phase waiting). Returns the bytes read.
 */
export async function ioStep(env: WorkloadEnv): Promise<number> {
  env.setPhase('io');
  const bytes = await env.readFile(env.scratchFile);
  env.setPhase('waiting');
  await env.sleep(IO_SLEEP_MS);
  return bytes;
}

/** `io`: real waiting (file reads and timers); one unit per read+wait. */
export async function runIo(env: WorkloadEnv, limits: WorkloadLimits, startUnits = 0): Promise<number> {
  let units = startUnits;
  while (!limitReached(limits, units, env)) {
    await ioStep(env);
    units++;
    env.chunkDone(units);
  }
  return units;
}
