import type { Preset } from './preset';
import { measureTurns } from './lib/cpu-preset';
import { countMarkers, scenario, stateMs, workerTasks } from './lib';

const ID = 'gil-cpu-threads';
const CLAIM = 'With a GIL, CPU-bound threads take turns: concurrent, not parallel.';
const PARAMS = { kind: 'gil-thread', workload: 'cpu', workers: 2, switchIntervalMs: 5 } as const;

/** Two CPU-bound threads under the simulated GIL (5 ms switch interval), against 2 plain JS threads in the same repeats. */
export const gilCpuThreads: Preset = {
  scenario: scenario(ID, 'Simulated GIL: 2 CPU-bound threads', CLAIM, { ...PARAMS, durationS: 1 }),
  run: (ctx) =>
    measureTurns(ctx, ID, CLAIM, { what: '2 simulated-GIL threads', contrastWhat: '2 plain JS threads' }, PARAMS, 'thread', (trace) => {
      const wallS = Math.max(1e-3, (trace.metrics?.wallMs ?? 1) / 1000);
      const handovers = countMarkers(trace, 'gil-handover');
      return {
        handovers,
        handoversPerSecond: handovers / wallS,
        gilWaitShare: stateMs(trace, 'gil-wait') / Math.max(1, workerTasks(trace).length * wallS * 1000),
      };
    }),
};
