// One side of the worker-memory bench, in a fresh process so each side's peak
// RSS (the kernel's VmHWM) is its own: `engine` runs N CPU-bound worker threads
// through the engine; `bare` starts N bare `new Worker`s that post one message
// and spin as long. Prints {baseMiB, peakMiB} as JSON on stdout.
//   node --import tsx bench/lib/worker-memory-child.ts engine|bare N SECONDS
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { createEngine } from '../../src/main/engine/create-engine';
import { createNodeForkLauncher } from '../../src/main/engine/launchers/node-fork-launcher';
import { builtEntries } from '../../test/support/entries';

const [mode, nArg, secondsArg] = process.argv.slice(2);
const n = Number(nArg);
const seconds = Number(secondsArg);

function statusMiB(field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'));
  if (!m) throw new Error(`no ${field} in /proc/self/status`);
  return Number(m[1]) / 1024;
}

async function bare(): Promise<void> {
  const spin = `const { parentPort, workerData } = require('node:worker_threads');
parentPort.postMessage(1);
const end = Date.now() + workerData.ms; let x = 0;
while (Date.now() < end) x += Math.sqrt(x + 1);`;
  const workers = Array.from({ length: n }, () => new Worker(spin, { eval: true, workerData: { ms: seconds * 1000 } }));
  await Promise.all(workers.map((w) => new Promise((r) => w.once('exit', r))));
}

async function engine(): Promise<void> {
  const e = createEngine({ entries: builtEntries(), launcher: createNodeForkLauncher() });
  try {
    await (await e.startRun({ kind: 'thread', workers: n, workload: 'cpu', durationS: seconds, source: 'proc' })).done;
  } finally {
    await e.dispose();
  }
}

if (mode !== 'engine' && mode !== 'bare') throw new Error('mode must be engine or bare');
const baseMiB = statusMiB('VmRSS');
await (mode === 'engine' ? engine() : bare());
console.log(JSON.stringify({ baseMiB, peakMiB: statusMiB('VmHWM') }));
