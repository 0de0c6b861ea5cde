import type { WorkerParams } from '../../shared/worker-orders';
import { runCpu, type WorkloadLimits } from './cpu';
import { runIo } from './io';
import { runMemory } from './memory';
import { runMixed } from './mixed';
import type { WorkloadEnv } from './workload-env';

/** Runs the run's workload to its end (stop, duration or fixed work); resolves with the units done. */
export async function runWorkload(params: Pick<WorkerParams, 'workload' | 'memoryMb'>, env: WorkloadEnv, limits: WorkloadLimits): Promise<number> {
  switch (params.workload) {
    case 'cpu':
      return runCpu(env, limits);
    case 'io':
      return runIo(env, limits);
    case 'mixed':
      return runMixed(env, limits);
    case 'memory': {
      const { units, held } = await runMemory(env, limits, params.memoryMb);
      // Keep the blocks reachable until here so the memory stays resident for the run.
      return held.length >= 0 ? units : 0;
    }
  }
}
