import { parallelCpuPreset } from './lib/cpu-preset';

export const cpuThreads = parallelCpuPreset(
  'cpu-threads',
  'JS worker threads: 2 CPU-bound threads',
  'Without a GIL (JavaScript worker threads), CPU-bound threads run in parallel on several cores.',
  { kind: 'thread', workload: 'cpu', workers: 2, durationS: 1 },
  '2 CPU-bound JS worker threads',
);
