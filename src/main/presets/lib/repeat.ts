import type { MachineLoad } from '../../../shared';
import { busyLoopCores } from '../../../node/proc/busy-baseline';
import { startLoadMeter } from '../../../node/proc/machine-load';
import type { PresetContext } from '../preset';
import { median, REPEATS } from './stats';

export interface Repeated<T> {
  results: T[];
  /** Cores `baselineLoops` bare busy loops got right before each repeat (null: not measured, or the OS does not say). */
  baselines: (number | null)[];
  machine: MachineLoad;
}

/**
 * Runs a measurement `n` times, each right after a short baseline of bare
 * busy loops when asked, while /proc/stat measures what other programs used
 * over the whole of it. Stops between repeats when the preset is stopped.
 */
export async function repeatMeasured<T>(
  ctx: PresetContext,
  once: (i: number) => Promise<T>,
  opts: { baselineLoops?: number; n?: number } = {},
): Promise<Repeated<T>> {
  const cores = (await ctx.engine.machine()).logicalCores;
  const n = opts.n ?? REPEATS;
  const baselineMs = Math.min(500, Math.max(250, ((ctx.durationS ?? 1) * 1000) / 2));
  const meter = startLoadMeter(cores);
  const results: T[] = [];
  const baselines: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    if (ctx.signal?.aborted) throw new Error('the preset was stopped');
    baselines.push(opts.baselineLoops ? await busyLoopCores(opts.baselineLoops, baselineMs) : null);
    results.push(await once(i));
  }
  const measured = baselines.filter((b): b is number => b !== null);
  return { results, baselines, machine: { cores, otherCores: meter.stop(), baselineCores: measured.length ? median(measured) : null } };
}
