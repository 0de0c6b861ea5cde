import { ioPreset } from './lib/io-compare';

export const ioProcesses = ioPreset(
  'io-processes',
  'I/O-bound processes (vs threads)',
  'For I/O-bound work processes add overhead: slower to spawn and more memory, for no more throughput.',
  'process',
);
