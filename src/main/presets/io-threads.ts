import { ioPreset } from './lib/io-compare';

export const ioThreads = ioPreset(
  'io-threads',
  'I/O-bound threads (vs processes)',
  'For I/O-bound work threads are efficient: the same throughput as processes, cheaper to start.',
  'thread',
);
