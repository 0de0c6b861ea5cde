import { totalmem } from 'node:os';
import { LIMITS, type RunParams } from '../../../shared';

/** The memory workload may hold at most this share of the machine's memory, all workers together. */
export const MEMORY_SHARE = 0.5;

export interface WorkerCount {
  /** Workers the run has started so far (gone ones too). */
  started: number;
  /** Workers alive now. */
  live: number;
  /** Workers about to start. */
  adding: number;
}

/**
 * Why starting `adding` more workers is refused, or null. A run starts at
 * most LIMITS.maxWorkers workers over its whole life (adding them one by one
 * is no way around it), and the memory workload's workers together may hold
 * at most MEMORY_SHARE of the machine's memory.
 */
export function workerCapRefusal(count: WorkerCount, params: Pick<RunParams, 'workload' | 'memoryMb'>, totalMemBytes: number = totalmem()): string | null {
  if (count.started + count.adding > LIMITS.maxWorkers) {
    return `a run starts at most ${LIMITS.maxWorkers} workers in all, and this one has started ${count.started}; start a new run for more`;
  }
  if (params.workload !== 'memory') return null;
  const workers = count.live + count.adding;
  const wantedMb = workers * params.memoryMb;
  const totalMb = Math.floor(totalMemBytes / 2 ** 20);
  const allowedMb = Math.floor(totalMb * MEMORY_SHARE);
  if (wantedMb <= allowedMb) return null;
  return (
    `${workers} workers × ${params.memoryMb} MB = ${wantedMb} MB is more than the memory workload may hold ` +
    `(${allowedMb} MB, ${MEMORY_SHARE * 100}% of this machine's ${totalMb} MB); use fewer workers or less memory per worker`
  );
}
