// The message-cost table: the same payloads (1 KB-64 MB) by structured clone,
// by transfer, through a SharedArrayBuffer (write + signal) and to a process.
//   node --import tsx bench/message-cost.bench.ts      (after `npm run build`)
import { join } from 'node:path';
import { measureMessageCost } from '../src/main/presets/rigs/message-rig';
import { MESSAGE_SIZES, sizeLabel } from '../src/main/presets/message-cost';
import { report, type BenchRow } from './lib/report';

const threadEntry = join(process.cwd(), 'out', 'cli', 'workers', 'thread.js');
const costs = await measureMessageCost(MESSAGE_SIZES, threadEntry);
const rows: BenchRow[] = MESSAGE_SIZES.map((bytes) => {
  const row: BenchRow = { size: sizeLabel(bytes) };
  for (const c of costs.filter((x) => x.bytes === bytes)) {
    row[`${c.path} us`] = Math.round(c.latencyUs * 10) / 10;
    row[`${c.path} MB/s`] = Math.round(c.mbPerS);
  }
  return row;
});
await report('message-cost', 'Message cost: one-way latency (median) and throughput', rows, [
  'Latency = send call to the receiver stamping arrival (CLOCK_MONOTONIC, shared by every thread and process).',
  'shared = copying the payload into a preallocated SharedArrayBuffer + Atomics.notify; the reader reads in place.',
  'process = child_process.fork with advanced (structured clone) serialization over the IPC pipe.',
]);
process.exit(0);
