import type { Preset } from './preset';
import { measureParallel } from './lib/cpu-preset';
import { pythonScenario } from './lib';

const ID = 'python-cpu-processes';
const CLAIM = 'CPython processes (multiprocessing) run CPU-bound work in parallel: each has its own GIL.';
const scenarioOf = pythonScenario(ID, 'Real CPython: 2 CPU-bound processes', CLAIM, { kind: 'python-process', workload: 'cpu', workers: 2, durationS: 1 });

export const pythonCpuProcesses: Preset = {
  get scenario() {
    return scenarioOf();
  },
  run: (ctx) => measureParallel(ctx, ID, CLAIM, '2 CPU-bound CPython processes', { kind: 'python-process', workload: 'cpu', workers: 2, python: 'python3' }),
};
