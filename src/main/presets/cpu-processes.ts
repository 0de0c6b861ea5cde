import type { Preset } from './preset';
import { judgeCpu } from './lib/cpu-verdict';
import { durationOf, runOnce, scenario } from './lib';

const ID = 'cpu-processes';
const CLAIM = 'Processes run CPU-bound work in parallel on several cores.';

export const cpuProcesses: Preset = {
  scenario: scenario(ID, 'Processes: 2 CPU-bound processes', CLAIM, { kind: 'process', workload: 'cpu', workers: 2, durationS: 3 }),
  async run(ctx) {
    const trace = await runOnce(ctx, ID, { kind: 'process', workload: 'cpu', workers: 2, durationS: durationOf(ctx, 3) });
    const verdict = judgeCpu(ID, CLAIM, trace, 'parallel', {}, 'The OS picks the cores; see oversubscribe for more processes than cores.');
    return { traces: [trace], verdict };
  },
};
