import type { Preset } from './preset';
import { judgeCpu } from './lib/cpu-verdict';
import { countMarkers, durationOf, r, runOnce, scenario, stateMs, workerTasks } from './lib';

const ID = 'gil-cpu-threads';
const CLAIM = 'With a GIL, CPU-bound threads take turns: concurrent, not parallel.';

/** Two CPU-bound threads under the simulated GIL (5 ms switch interval). */
export const gilCpuThreads: Preset = {
  scenario: scenario(ID, 'Simulated GIL: 2 CPU-bound threads', CLAIM, { kind: 'gil-thread', workload: 'cpu', workers: 2, durationS: 3, switchIntervalMs: 5 }),
  async run(ctx) {
    const durationS = durationOf(ctx, 3);
    const trace = await runOnce(ctx, ID, { kind: 'gil-thread', workload: 'cpu', workers: 2, durationS, switchIntervalMs: 5 });
    const handovers = countMarkers(trace, 'gil-handover');
    const activeS = Math.max(1e-3, (trace.metrics?.wallMs ?? 1) / 1000);
    const waitMs = stateMs(trace, 'gil-wait');
    const verdict = judgeCpu(
      ID,
      CLAIM,
      trace,
      'turns',
      {
        switchIntervalMs: 5,
        handovers,
        handoversPerSecond: r(handovers / activeS, 1),
        gilWaitShare: r(waitMs / Math.max(1, workerTasks(trace).length * (trace.metrics?.wallMs ?? 1))),
      },
      `The lock changed hands ${handovers} times (~${(handovers / activeS).toFixed(0)}/s); without it the same threads run in parallel (cpu-threads).`,
    );
    return { traces: [trace], verdict };
  },
};
