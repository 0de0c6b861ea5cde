import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/**
 * How many cores `n` bare busy loops get on this machine right now, from the
 * kernel's exact on-CPU time (/proc/self/task/<tid>/schedstat). Claims about
 * parallelism compare with this, measured in the same preset or test, so a
 * neighbour's load moves the baseline and the claim together. The loops are
 * worker threads of this process: nothing can outlive it. Null where
 * schedstat is missing (not Linux).
 */

// CommonJS eval worker: say its tid, then spin until terminated.
const LOOP = `const { parentPort } = require('node:worker_threads');
let tid = null;
try { tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop()); } catch {}
parentPort.postMessage(tid);
for (;;) {}`;

function onCpuNs(tid: number): number | null {
  try {
    const ns = Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'latin1').split(' ')[0]);
    return Number.isFinite(ns) ? ns : null;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function busyLoopCores(n = 2, ms = 500): Promise<number | null> {
  const loops = Array.from({ length: n }, () => new Worker(LOOP, { eval: true }));
  try {
    const tids = await Promise.all(loops.map((w) => new Promise<number | null>((resolve) => {
      w.once('message', (tid: unknown) => resolve(typeof tid === 'number' && Number.isInteger(tid) ? tid : null));
      w.once('error', () => resolve(null));
    })));
    if (tids.some((t) => t === null)) return null;
    await sleep(50); // into the loop
    const before = tids.map((t) => onCpuNs(t!));
    const t0 = performance.now();
    await sleep(ms);
    const after = tids.map((t) => onCpuNs(t!));
    const elapsedMs = performance.now() - t0;
    if (before.some((x) => x === null) || after.some((x) => x === null)) return null;
    const cpuMs = after.reduce<number>((sum, ns, i) => sum + (ns! - before[i]!), 0) / 1e6;
    return cpuMs / elapsedMs;
  } finally {
    await Promise.all(loops.map((w) => w.terminate()));
  }
}
