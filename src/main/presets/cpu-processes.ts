import { parallelCpuPreset } from './lib/cpu-preset';

export const cpuProcesses = parallelCpuPreset(
  'cpu-processes',
  'Processes: 2 CPU-bound processes',
  'Processes run CPU-bound work in parallel on several cores.',
  { kind: 'process', workload: 'cpu', workers: 2, durationS: 1 },
  '2 CPU-bound processes',
);
