import { busyLoopCores as measure } from '../../src/node/proc/busy-baseline';

/**
 * How many cores `n` bare busy loops get on this machine right now (the
 * engine's own baseline, src/node/proc/busy-baseline.ts). Physical claims in
 * tests are ratios to this, measured in the same test.
 */
export async function busyLoopCores(n = 2, ms = 800): Promise<number> {
  const cores = await measure(n, ms);
  if (cores === null) throw new Error('no /proc schedstat here: the baseline cannot be measured');
  return cores;
}
