import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { readWorkerOrder, type Misbehaviour, type WorkerParams } from '../../shared/worker-orders';
import type { WorkerPhase } from '../../shared/worker-slot';
import { runWorkload } from '../workloads/run-workload';
import type { WorkloadEnv } from '../workloads/workload-env';
import { monoMs } from '../../node/clock';
import { openSelfStat } from '../../node/proc/thread-self';
import type { PhaseSink, WorkerTransport } from './transport';

/** How often a worker says it is alive (the engine calls a silent worker hung). */
export const HEARTBEAT_MS = 250;
/** The I/O workload reads this module's own file: real bytes on disk, nothing left behind if killed. */
const SCRATCH_FILE = fileURLToPath(import.meta.url);

/** Deliberate failures for the crash cases; `abort` ends the whole process, even from a thread. */
function misbehave(how: Misbehaviour): void {
  switch (how) {
    case 'throw':
      setImmediate(() => {
        throw new Error('misbehave: an uncaught exception, thrown on purpose');
      });
      return;
    case 'exit':
      process.exit(3);
      return;
    case 'hang':
      // A synchronous loop: no heartbeat, no answer to stop, only a kill ends it.
      for (;;) {
        /* hang */
      }
    case 'abort':
      process.abort();
  }
}

/**
 * The protocol side of every workload worker (thread or process): hello, then
 * start/stop/misbehave messages (validated without zod: see worker-orders.ts), heartbeats, phase reports, and the
 * workload itself. Entries only supply the transport and the phase sink.
 */
export function runWorkerRuntime(options: {
  startedAtMono: number;
  transport: WorkerTransport;
  sinkFor: (transport: WorkerTransport) => PhaseSink;
}): void {
  const { transport } = options;
  const sink = options.sinkFor(transport);
  const self = openSelfStat();
  const tid = self.read()?.id ?? null;
  transport.send({ type: 'hello', pid: process.pid, tid, startedAtMono: options.startedAtMono });

  let started = false;
  let stopped = false;
  let finished = false;
  let units = 0;
  let phase: WorkerPhase = 'starting';
  sink.write('starting', null, 0);

  const heartbeat = setInterval(() => {
    transport.send({ type: 'progress', unitsDone: units, heapBytes: getHeapStatistics().used_heap_size });
  }, HEARTBEAT_MS);

  const finish = () => {
    if (finished) return;
    finished = true;
    clearInterval(heartbeat);
    self.close();
    sink.write('done', null, units);
    transport.send({ type: 'done', unitsDone: units });
    transport.finish();
  };

  const coreNow = () => self.read()?.core ?? null;
  const env = (scratchFile: string): WorkloadEnv => ({
    now: monoMs,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    yieldToLoop: () => new Promise((r) => setImmediate(r)),
    readFile: async (path) => (await readFile(path)).byteLength,
    scratchFile,
    setPhase(next) {
      phase = next;
      sink.write(next, next === 'compute' ? coreNow() : null, units);
    },
    chunkDone(total) {
      units = total;
      sink.write(phase, phase === 'compute' ? coreNow() : null, units);
    },
    stopped: () => stopped,
  });

  const start = (params: WorkerParams) => {
    started = true;
    readFileSync(SCRATCH_FILE); // warm the page cache once, as any reader of a hot file would find it
    runWorkload(params, env(SCRATCH_FILE), { workUnits: params.workUnits, untilMono: null }).then(
      (total) => {
        units = total;
        finish();
      },
      (error: unknown) => {
        transport.send({ type: 'error', message: String(error instanceof Error ? error.message : error), stack: error instanceof Error ? (error.stack ?? null) : null });
        finish();
      },
    );
  };

  transport.onMessage((raw) => {
    const read = readWorkerOrder(raw);
    if (!read.ok) {
      transport.send({ type: 'error', message: `rejected a malformed message: ${read.error}`, stack: null });
      return;
    }
    const message = read.order;
    if (message.type === 'start') {
      if (!started && !stopped) start(message.params);
    } else if (message.type === 'stop') {
      stopped = true;
      if (!started) finish();
    } else {
      misbehave(message.how);
    }
  });
}
