import type { Preset } from './preset';
import { judgeCpu } from './lib/cpu-verdict';
import { durationOf, runOnce, scenario } from './lib';

const ID = 'cpu-threads';
const CLAIM = 'Without a GIL (JavaScript worker threads), CPU-bound threads run in parallel on several cores.';

export const cpuThreads: Preset = {
  scenario: scenario(ID, 'JS worker threads: 2 CPU-bound threads', CLAIM, { kind: 'thread', workload: 'cpu', workers: 2, durationS: 3 }),
  async run(ctx) {
    const trace = await runOnce(ctx, ID, { kind: 'thread', workload: 'cpu', workers: 2, durationS: durationOf(ctx, 3) });
    const verdict = judgeCpu(ID, CLAIM, trace, 'parallel', {}, 'Each worker thread has its own JS heap; they share only a SharedArrayBuffer.');
    return { traces: [trace], verdict };
  },
};
