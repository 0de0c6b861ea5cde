/**
 * Worker-thread entry of a `gil-thread`: the workload runs slice by slice
 * holding its process's simulated GIL (workerData.gil, shared by every
 * gil-thread of the process). Speaks the same protocol as a plain thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FromWorker } from '../shared/worker-protocol';
import { readWorkerOrder, type Misbehaviour } from '../shared/worker-orders';
import { PHASE_SLOT, type WorkerPhase } from '../shared/worker-slot';
import { writePhase } from '../node/phase-slot';
import { readSelfStat } from '../node/proc/thread-self';
import { GilThread, runGilLoop } from './gil';
import { monoMs } from '../node/clock';

interface GilWorkerData {
  gil: SharedArrayBuffer;
  /** This thread's index in the GIL (1..), so the driver can map hand-overs to tasks. */
  gilIndex?: number;
  phaseSlot?: { buffer: SharedArrayBuffer; offset: number };
  /** Slices per progress unit; 5 x 4,000 rounds = one `cpu` unit of a plain thread (same work). */
  slicesPerUnit?: number;
}

const port = parentPort;
if (!port) throw new Error('gil-thread-entry must run in a worker thread');
const data = workerData as GilWorkerData;
const slot = data.phaseSlot ? new Int32Array(data.phaseSlot.buffer, data.phaseSlot.offset, PHASE_SLOT.length) : null;
const self = readSelfStat();
let stopping = false;

function send(msg: FromWorker): void {
  port!.postMessage(msg);
}

/** readCore: a /proc read (~10 us); skipped on the hot GIL hand-over path, refreshed every 20 ms instead. */
function setPhase(phase: WorkerPhase, readCore = true): void {
  const core = phase === 'compute' && readCore ? readSelfStat().core : null;
  if (slot) {
    writePhase(slot, phase, core ?? undefined, null);
  } else {
    send({ type: 'phase', phase, core, atMono: monoMs() });
  }
}

if (slot) {
  Atomics.store(slot, PHASE_SLOT.tid, self.tid ?? 0);
  Atomics.store(slot, PHASE_SLOT.core, self.core ?? -1);
}
send({ type: 'hello', pid: process.pid, tid: self.tid, startedAtMono: monoMs() });

port.on('message', (raw: unknown) => {
  const read = readWorkerOrder(raw);
  if (!read.ok) {
    send({ type: 'error', message: `bad message to gil-thread: ${read.error}`, stack: null });
    return;
  }
  const msg = read.order;
  if (msg.type === 'stop') stopping = true;
  else if (msg.type === 'misbehave') misbehave(msg.how);
  else void start(msg.params.workload, msg.params.workUnits, msg.requestedAtMono + msg.params.durationS * 1000);
});

let started = false;
async function start(workload: string, workUnits: number | null, untilMono: number): Promise<void> {
  if (started) return;
  started = true;
  let lastProgress = 0;
  let unitsSoFar = 0;
  const gil = new GilThread(data.gil, monoMs, {
    onWaitStart: () => setPhase('gil-wait'),
    onWaitEnd: () => setPhase('compute', false),
    // A thread starved by a holder that hangs is waiting, not hung: keep saying so.
    onStillWaiting: () => {
      const t = monoMs();
      if (t - lastProgress > 500) {
        lastProgress = t;
        send({ type: 'progress', unitsDone: unitsSoFar, heapBytes: null });
      }
    },
  }, data.gilIndex);
  let lastCore = monoMs();
  const units = await runGilLoop({
    gil,
    workload: workload === 'io' || workload === 'mixed' ? workload : 'cpu',
    slicesPerUnit: data.slicesPerUnit ?? 5,
    maxUnits: workUnits,
    shouldStop: () => stopping || monoMs() >= untilMono,
    sleep: (ms) => sleep(ms),
    yieldToLoop: () => new Promise<void>((resolve) => setImmediate(resolve)),
    now: monoMs,
    onPhase: setPhase,
    onUnit: (n) => {
      unitsSoFar = n;
      if (slot) Atomics.store(slot, PHASE_SLOT.units, n & 0x7fffffff);
      const t = monoMs();
      if (t - lastProgress > 100) {
        lastProgress = t;
        send({ type: 'progress', unitsDone: n, heapBytes: process.memoryUsage().heapUsed });
      }
      // Refresh the core this thread runs on now and then (a /proc read costs ~10 us).
      if (slot && t - lastCore > 20) {
        lastCore = t;
        const core = readSelfStat().core;
        if (core !== null) Atomics.store(slot, PHASE_SLOT.core, core);
      }
    },
  });
  setPhase('done');
  send({ type: 'done', unitsDone: units });
  // Nothing left to do: let the thread end so the session sees its exit.
  port!.removeAllListeners('message');
  port!.unref();
}

function misbehave(how: Misbehaviour): void {
  if (how === 'throw') setImmediate(() => { throw new Error('gil-thread: thrown on request'); });
  else if (how === 'exit') process.exit(3);
  else if (how === 'abort') process.abort();
  else for (;;) { /* hang on request */ }
}
