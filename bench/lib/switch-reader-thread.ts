// The exact source's reader in its own worker thread, as the sampler thread
// will own it (phase 2): drains every `drainMs` with Atomics.wait, and reports
// its own CPU (this thread's schedstat) over the window between two signals.
import { readFileSync, readlinkSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { SwitchRecordSource } from '../../src/node/switch-records';

const { pid, control, drainMs } = workerData as { pid: number; control: SharedArrayBuffer; drainMs: number };
const ctl = new Int32Array(control); // [0] 1 = measuring, 2 = stop
const selfNs = () => Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]);
const ownTid = Number(readlinkSync('/proc/thread-self').split('/')[2]);
const opened = SwitchRecordSource.open({ pids: [pid], exceptTids: [ownTid] });
if (!opened.ok) {
  parentPort!.postMessage({ refusal: opened.refusal });
} else {
  const source = opened.source;
  parentPort!.postMessage({ ready: true });
  const tick = new Int32Array(new SharedArrayBuffer(4));
  let segments = 0;
  let cpu0 = 0;
  let wall0 = 0n;
  let measuring = false;
  for (;;) {
    const state = Atomics.load(ctl, 0);
    if (state === 1 && !measuring) {
      measuring = true;
      cpu0 = selfNs();
      wall0 = process.hrtime.bigint();
    }
    if (state === 2) break;
    segments += source.drain().segments.length;
    Atomics.wait(tick, 0, 0, drainMs);
  }
  const cpuNs = selfNs() - cpu0;
  const wallNs = Number(process.hrtime.bigint() - wall0);
  segments += source.close().segments.length;
  parentPort!.postMessage({ cpuPercent: (100 * cpuNs) / wallNs, segments, stats: source.stats() });
}
