import type { SamplerStats } from '../../shared';
import type { Sampler, SamplerOptions } from './sampling/sampler-api';

/**
 * A sampler that samples nothing: the baseline of the observer-effect bench
 * (units of work per second with no /proc reads at all). Its stats say so.
 */
export async function createNoSampler(options: SamplerOptions): Promise<Sampler> {
  const stats: SamplerStats = { intervalMs: options.intervalMs, samples: 0, rateHz: 0, cpuPercent: 0, gaps: 0, maxGapMs: 0, source: 'off' };
  return {
    tid: null,
    source: { used: 'off', refusal: null },
    track: () => undefined,
    untrack: () => undefined,
    reportPhase: () => undefined,
    onBatch: () => () => undefined,
    stop: async () => stats,
  };
}
