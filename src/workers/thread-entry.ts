// Workload worker thread. Thin: wires worker_threads to the shared worker runtime.
// Must stay the first import: it stamps the first instruction (see the module).
import { firstInstructionMono } from './runtime/first-instruction';
import { parentPort, workerData } from 'node:worker_threads';
import { PHASE_SLOT } from '../shared/worker-slot';
import { slotPhaseSink } from './runtime/phase-sinks';
import { runWorkerRuntime } from './runtime/worker-runtime';

const startedAtMono = firstInstructionMono;
const port = parentPort;
if (!port) throw new Error('thread-entry must run as a worker thread');
const data = workerData as { phaseSlot: { buffer: SharedArrayBuffer; offset: number } };
const slot = new Int32Array(data.phaseSlot.buffer, data.phaseSlot.offset, PHASE_SLOT.length);

runWorkerRuntime({
  startedAtMono,
  transport: {
    send: (m) => port.postMessage(m),
    onMessage: (listener) => port.on('message', listener),
    finish: () => {
      port.removeAllListeners('message');
      port.unref();
    },
  },
  sinkFor: () => slotPhaseSink(slot),
});
