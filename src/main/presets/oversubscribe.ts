import type { Preset } from './preset';
import { activeParallelism, activeWindowMs, durationOf, onCpuByTask, r, runOnce, runQueueMs, scenario } from './lib';

const ID = 'oversubscribe';
const CLAIM = 'More CPU-bound processes than cores time-share the cores: each gets a share, and time waiting for a CPU grows.';
const WORKERS = 8;

export const oversubscribe: Preset = {
  scenario: scenario(ID, `Oversubscription: ${WORKERS} CPU-bound processes`, CLAIM, { kind: 'process', workload: 'cpu', workers: WORKERS, durationS: 3 }),
  async run(ctx) {
    const trace = await runOnce(ctx, ID, { kind: 'process', workload: 'cpu', workers: WORKERS, durationS: durationOf(ctx, 3) });
    const cores = trace.machine.logicalCores;
    const window = activeWindowMs(trace);
    const cpu = [...onCpuByTask(trace).values()];
    const waitShare = window > 0 ? runQueueMs(trace) / (WORKERS * window) : 0;
    const shareEach = cpu.map((c) => (window > 0 ? c / window : 0));
    const numbers = {
      workers: WORKERS,
      cores,
      activeParallelism: r(activeParallelism(trace)),
      cpuShareMean: r(shareEach.reduce((a, b) => a + b, 0) / Math.max(1, shareEach.length)),
      cpuShareMin: r(Math.min(...shareEach)),
      cpuShareMax: r(Math.max(...shareEach)),
      runQueueShare: r(waitShare),
      expectedShare: r(Math.min(1, cores / WORKERS)),
    };
    const over = WORKERS > cores;
    const supported = over ? numbers.activeParallelism <= cores * 1.1 && numbers.runQueueShare >= 0.25 : 'partly';
    const summary =
      `${WORKERS} processes on ${cores} cores used ${numbers.activeParallelism} cores; each got ${numbers.cpuShareMin}-${numbers.cpuShareMax} of a core ` +
      `(fair share ${numbers.expectedShare}) and spent ${(numbers.runQueueShare * 100).toFixed(0)}% of the time waiting in a run queue.` +
      (over ? '' : ' This machine has as many cores as processes, so nothing had to wait.');
    return { traces: [trace], verdict: { presetId: ID, claim: CLAIM, supported, numbers, summary } };
  },
};
