// The exact source's own cost and its observer effect: the reader (in its own
// worker thread, draining every 25 ms) watches this process while 0, 16 or 64
// worker threads spin (CPU-bound) or alternate 1 ms spin / 1 ms sleep (bursty).
// Its CPU is its thread's schedstat; the throughput ratio compares the
// threads' units of work per second watched vs unwatched. Target: <= 1% of a
// core with 16 tasks, >= 99% throughput.
//   node --import tsx bench/switch-records.bench.ts
import { build } from 'esbuild';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ROOT } from '../test/support/entries';
import { report, type BenchRow } from './lib/report';

const SECONDS = 2;
const ROUNDS = 5;

// A worker thread cannot load TypeScript: bundle the reader into out/ (so it
// finds the addon in node_modules, as the built sampler thread will).
const readerEntry = join(ROOT, 'out', 'bench', 'switch-reader-thread.js');
await build({
  entryPoints: [join(ROOT, 'bench', 'lib', 'switch-reader-thread.ts')],
  outfile: readerEntry,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: ['corelanes-switch-records'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});

const spinnerCode = `
const { parentPort, workerData } = require('node:worker_threads');
const ctl = new Int32Array(workerData.control);
const nap = new Int32Array(new SharedArrayBuffer(4));
parentPort.postMessage('ready');
Atomics.wait(ctl, 0, 0);
let units = 0, x = 0;
while (Atomics.load(ctl, 0) === 1) {
  const end = performance.now() + 1;
  while (performance.now() < end) for (let i = 0; i < 1000; i++) x = (x * 1103515245 + 12345) | 0;
  units++;
  if (workerData.bursty) Atomics.wait(nap, 0, 0, 1);
}
parentPort.postMessage(units + (x & 0));
`;

interface Round {
  unitsPerSecond: number;
  readerCpuPercent: number | null;
  segments: number | null;
  lost: number | null;
}

async function round(tasks: number, bursty: boolean, watched: boolean, drainMs: number): Promise<Round> {
  const control = new SharedArrayBuffer(4);
  const ctl = new Int32Array(control);
  const spinners = Array.from({ length: tasks }, () => new Worker(spinnerCode, { eval: true, workerData: { control, bursty } }));
  // Every thread is up (its start-up cost paid) before the clock starts.
  await Promise.all(spinners.map((w) => new Promise((r) => w.once('message', r))));
  const units = spinners.map((w) => new Promise<number>((r) => w.once('message', r)));
  let reader: Worker | null = null;
  let result: Promise<{ cpuPercent: number; segments: number; stats: { lostRecords: number } }> | null = null;
  const readerCtl = new Int32Array(new SharedArrayBuffer(4));
  if (watched) {
    reader = new Worker(readerEntry, { workerData: { pid: process.pid, control: readerCtl.buffer, drainMs } });
    const first = await new Promise<{ ready?: boolean; refusal?: { message: string } }>((r) => reader!.once('message', r));
    if (first.refusal) throw new Error(`exact source refused: ${first.refusal.message}`);
    result = new Promise((r) => reader!.once('message', r));
    Atomics.store(readerCtl, 0, 1);
  }
  const t0 = performance.now();
  Atomics.store(ctl, 0, 1);
  Atomics.notify(ctl, 0);
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  Atomics.store(ctl, 0, 2);
  const total = (await Promise.all(units)).reduce((a, b) => a + b, 0);
  const seconds = (performance.now() - t0) / 1000;
  let out: Round = { unitsPerSecond: total / seconds, readerCpuPercent: null, segments: null, lost: null };
  if (reader && result) {
    Atomics.store(readerCtl, 0, 2);
    const r = await result;
    out = { ...out, readerCpuPercent: r.cpuPercent, segments: r.segments, lost: r.stats.lostRecords };
    await reader.terminate();
  }
  await Promise.all(spinners.map((w) => w.terminate()));
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const best = (xs: number[]) => Math.max(...xs);
const rows: BenchRow[] = [];
for (const [tasks, bursty, drainMs] of [
  [0, false, 25],
  [0, false, 100],
  [16, false, 25],
  [16, false, 100],
  [16, true, 25],
  [16, true, 100],
  [64, false, 100],
  [64, true, 100],
] as const) {
  const on: Round[] = [];
  const off: Round[] = [];
  // Alternate, so a neighbour's load hits both sides alike.
  for (let i = 0; i < ROUNDS; i++) {
    if (tasks > 0) off.push(await round(tasks, bursty, false, drainMs));
    on.push(await round(tasks, bursty, true, drainMs));
  }
  rows.push({
    tasks,
    work: tasks === 0 ? '-' : bursty ? 'bursty 1/1 ms' : 'CPU-bound',
    drainMs,
    readerCpuPercentMedian: median(on.map((r) => r.readerCpuPercent!)),
    readerCpuPercentMax: Math.max(...on.map((r) => r.readerCpuPercent!)),
    segmentsPerSecond: Math.round(median(on.map((r) => r.segments!)) / SECONDS),
    lostRecords: Math.max(...on.map((r) => r.lost!)),
    throughputBest: tasks === 0 ? null : `${((best(on.map((r) => r.unitsPerSecond)) / best(off.map((r) => r.unitsPerSecond))) * 100).toFixed(1)}%`,
    throughputMedian: tasks === 0 ? null : `${((median(on.map((r) => r.unitsPerSecond)) / median(off.map((r) => r.unitsPerSecond))) * 100).toFixed(1)}%`,
  });
}
await report('switch-records', 'Exact source (perf switch records): its own CPU and its observer effect', rows, [
  `Reader in its own worker thread draining every drainMs; ${SECONDS} s per run, ${ROUNDS} alternating rounds watched/unwatched.`,
  'readerCpu is the reader thread only (the kernel writes the records in the switching tasks\' own context: that cost shows in throughput).',
  'Throughput: watched / unwatched units of work per second of the threads, best run of each side (neighbours only take cycles away) and medians.',
]);
