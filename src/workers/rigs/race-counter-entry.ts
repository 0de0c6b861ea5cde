/**
 * race-counter rig: increments word 0 of a shared Int32Array `iterations`
 * times, either as a plain read-modify-write (racy) or with Atomics.add.
 * Waits on word 1 (the start gate) so both threads run at the same moment.
 */
import { workerData } from 'node:worker_threads';
import { rigPort } from './rig-port';

const data = workerData as { buffer: SharedArrayBuffer; iterations: number; atomic: boolean };
const port = rigPort();
const words = new Int32Array(data.buffer);
port.send({ type: 'ready' });
Atomics.wait(words, 1, 0);
const t0 = performance.now();
if (data.atomic) {
  for (let i = 0; i < data.iterations; i++) Atomics.add(words, 0, 1);
} else {
  // Read, add, write back: another thread's write between the read and the write is lost.
  for (let i = 0; i < data.iterations; i++) words[0] = words[0]! + 1;
}
port.send({ type: 'done', ms: performance.now() - t0 });
