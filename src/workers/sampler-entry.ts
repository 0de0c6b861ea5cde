// Sampler worker thread entry: wires messages and the clock to the loop in
// ./sampler/ (DESIGN.md section 5). It blocks on Atomics.wait between samples,
// so messages are pulled synchronously with receiveMessageOnPort.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { SamplerInitSchema } from '../shared';
import { SamplerLoop } from './sampler/sampler-loop';
import { linuxProcAvailable, linuxProcSource } from './sampler/sources/linux-proc';
import { portableSource } from './sampler/sources/portable';
import { monoMs as now } from './runtime/clock';

const port = parentPort;
if (!port) throw new Error('sampler-entry must run as a worker thread');

const init = SamplerInitSchema.parse(workerData);
const source = !init.forcePortable && linuxProcAvailable() ? linuxProcSource() : portableSource();
const waitCell = new Int32Array(new SharedArrayBuffer(4));

const me = source.self();
port.postMessage({ type: 'ready', pid: me.pid, tid: me.tid, source: source.name });

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
