// Sampler worker thread entry: picks the source (exact switch records where
// the kernel allows them, else /proc, else portable) and wires messages and
// the clock to its loop in ./sampler/ (DESIGN.md section 5). It blocks on
// Atomics.wait between reads, so messages are pulled with receiveMessageOnPort.
import { setPriority } from 'node:os';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { SourceRefusal } from '../shared';
import { readSamplerInit } from '../shared/sampler-orders';
import { SamplerLoop, type LoopIo } from './sampler/sampler-loop';
import { ExactLoop } from './sampler/exact/exact-loop';
import { openExact } from './sampler/exact/open-exact';
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

// The engine resolved and validated the init with zod; this checks it without loading zod (../shared/sampler-orders.ts).
const initRead = readSamplerInit(workerData);
if (!initRead.ok) throw new Error(`sampler: bad init: ${initRead.error}`);
const init = initRead.value;
const waitCell = new Int32Array(new SharedArrayBuffer(4));
const io: LoopIo = {
  receive: () => receiveMessageOnPort(port)?.message,
  post: (m, transfer) => port.postMessage(m, transfer),
  now,
  sleepUntil: (deadline) => {
    const ms = deadline - now();
    if (ms > 0) Atomics.wait(waitCell, 0, 0, ms);
  },
};

const procHere = !init.forcePortable && linuxProcAvailable();
const proc = procHere ? linuxProcSource() : portableSource();
const me = proc.self();
let refusal: SourceRefusal | null = null;
let exact: ExactLoop | null = null;
if (procHere && init.source !== 'proc') {
  const opened = openExact(init.runStartMono, me.tid, init.denyExact);
  if (opened.ok) exact = new ExactLoop(init, opened.source, proc, io, init.source);
  else refusal = opened.refusal;
} else if (init.source === 'exact') {
  refusal = { reason: 'unsupported', errno: null, message: 'exact switch records need Linux with /proc', enable: null };
}
// /proc sampling needs no priority: the exact source has no deadlines to keep.
const nice = exact ? null : renice(me.tid, init.nice);
port.postMessage({ type: 'ready', pid: me.pid, tid: me.tid, source: exact ? 'exact' : proc.name, nice, refusal });

// Exact asked for and refused: the main side fails the run with the refusal; nothing to sample.
if (exact) exact.run();
else if (init.source !== 'exact') new SamplerLoop(init, proc, io, { requested: init.source, refusal }).run();
port.close();
