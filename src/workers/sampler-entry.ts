// Sampler worker thread entry: wires messages and the clock to the loop in
// ./sampler/ (DESIGN.md section 5). It blocks on Atomics.wait between samples,
// so messages are pulled synchronously with receiveMessageOnPort.
import { setPriority } from 'node:os';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { SamplerInitSchema } from '../shared';
import { SamplerLoop } from './sampler/sampler-loop';
import { linuxProcAvailable, linuxProcSource } from './sampler/sources/linux-proc';
import { portableSource } from './sampler/sources/portable';
import { monoMs as now } from '../node/clock';

/** Best effort: a higher priority keeps the 1 ms deadlines when the cores are saturated. */
function renice(tid: number | null, nice: number | null): number | null {
  if (tid === null || nice === null) return null;
  try {
    setPriority(tid, nice);
    return nice;
  } catch {
    return null;
  }
}

const port = parentPort;
if (!port) throw new Error('sampler-entry must run as a worker thread');

const init = SamplerInitSchema.parse(workerData);
const source = !init.forcePortable && linuxProcAvailable() ? linuxProcSource() : portableSource();
const waitCell = new Int32Array(new SharedArrayBuffer(4));

const me = source.self();
port.postMessage({ type: 'ready', pid: me.pid, tid: me.tid, source: source.name, nice: renice(me.tid, init.nice) });

new SamplerLoop(init, source, {
  receive: () => receiveMessageOnPort(port)?.message,
  post: (m) => port.postMessage(m),
  now,
  sleepUntil: (deadline) => {
    const ms = deadline - now();
    if (ms > 0) Atomics.wait(waitCell, 0, 0, ms);
  },
}).run();
port.close();
