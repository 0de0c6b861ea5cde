import type { Preset } from './preset';
import { judgeCpu } from './lib/cpu-verdict';
import { durationOf, pythonScenario, runOnce } from './lib';

const ID = 'python-cpu-processes';
const CLAIM = 'CPython processes (multiprocessing) run CPU-bound work in parallel: each has its own GIL.';
const scenarioOf = pythonScenario(ID, 'Real CPython: 2 CPU-bound processes', CLAIM, { kind: 'python-process', workload: 'cpu', workers: 2, durationS: 3 });

export const pythonCpuProcesses: Preset = {
  get scenario() {
    return scenarioOf();
  },
  async run(ctx) {
    const trace = await runOnce(ctx, ID, { kind: 'python-process', workload: 'cpu', workers: 2, durationS: durationOf(ctx, 3), python: 'python3' });
    return { traces: [trace], verdict: judgeCpu(ID, CLAIM, trace, 'parallel', {}, 'Each process is a separate interpreter started by multiprocessing.') };
  },
};
