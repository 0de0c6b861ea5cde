// Simulated GIL: what a hand-over costs and how often it happens.
//   node --import tsx bench/gil.bench.ts      (after `npm run build`)
// Rows: the lock's own cost (uncontended), then two CPU-bound gil-threads at a
// 5 ms and a 0.1 ms switch interval: hand-overs per second, the gap between
// them, and the CPU each hand-over costs beyond the work (wake-ups, re-checks).
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PHASE_SLOT, RunParamsSchema } from '../src/shared';
import { createGilBuffer, gilCounters, gilViews, newCursor, readEvents } from '../src/node/gil';
import { GilThread, cpuSlice } from '../src/workers/gil';
import { monoMs } from '../src/node/clock';
import { report, type BenchRow } from './lib/report';
import { followCpu } from '../test/integration/gil/schedstat';

const entry = join(process.cwd(), 'out', 'cli', 'workers', 'gil-thread.js');

function uncontended(): BenchRow[] {
  const gil = new GilThread(createGilBuffer(5), monoMs);
  const n = 2_000_000;
  let t = performance.now();
  for (let i = 0; i < n; i++) {
    gil.acquire();
    gil.release();
  }
  const pair = ((performance.now() - t) * 1e6) / n;
  gil.acquire();
  t = performance.now();
  for (let i = 0; i < n; i++) gil.yieldIfRequested();
  const check = ((performance.now() - t) * 1e6) / n;
  gil.release();
  return [
    { measure: 'acquire + release, uncontended', value: Math.round(pair), unit: 'ns' },
    { measure: 'slice-boundary check, no request', value: Math.round(check * 10) / 10, unit: 'ns' },
  ];
}

interface Run {
  wallMs: number;
  cpuMs: number;
  units: number;
  handovers: number;
  gaps: number[];
}

async function runThreads(n: number, intervalMs: number, durationS: number): Promise<Run> {
  const gil = createGilBuffer(intervalMs, 1 << 16);
  const slots = new SharedArrayBuffer(n * PHASE_SLOT.length * 4);
  const workers = Array.from({ length: n }, (_, i) => new Worker(entry, { workerData: { gil, gilIndex: i + 1, phaseSlot: { buffer: slots, offset: i * 16 } } }));
  const hellos = await Promise.all(workers.map((w) => new Promise<number>((r) => w.on('message', (m) => m.type === 'hello' && r(m.tid)))));
  const cpu = followCpu(hellos);
  const done = workers.map((w) => new Promise<number>((r) => w.on('message', (m) => m.type === 'done' && r(m.unitsDone))));
  const params = RunParamsSchema.parse({ kind: 'gil-thread', durationS, switchIntervalMs: intervalMs });
  const t0 = monoMs();
  for (const w of workers) w.postMessage({ type: 'start', taskId: 'b', params, requestedAtMono: t0 });
  const units = await Promise.all(done);
  const wallMs = monoMs() - t0;
  const cpuMs = cpu.stop();
  const events = readEvents(gilViews(gil), newCursor()).filter((e) => e.kind === 'handover');
  const times = events.map((e) => (e.kind === 'handover' ? e.tMs : 0));
  await Promise.all(workers.map((w) => w.terminate()));
  return {
    wallMs,
    cpuMs: cpuMs.reduce((a, b) => a + b, 0),
    units: units.reduce((a, b) => a + b, 0),
    handovers: gilCounters(gil).handovers,
    gaps: times.slice(1).map((t, i) => t - times[i]!),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;

async function main(): Promise<void> {
  const rows: BenchRow[] = uncontended();
  // The plain work, no lock at all, for the CPU cost of one unit.
  let seed = 1;
  const t = performance.now();
  for (let i = 0; i < 5 * 20_000; i++) seed = cpuSlice(seed);
  const unitUs = ((performance.now() - t) * 1000) / 20_000;
  rows.push({ measure: 'one unit of work (5 slices), no lock', value: Math.round(unitUs * 10) / 10, unit: 'us' + (seed === 7 ? '' : '') });
  const solo = await runThreads(1, 5, 2);
  const cpuPerUnitMs = solo.cpuMs / solo.units;
  rows.push({ measure: '1 gil-thread: CPU per unit', value: Math.round(cpuPerUnitMs * 1e4) / 10, unit: 'us' });
  for (const interval of [5, 0.1]) {
    const r = await runThreads(2, interval, 3);
    const overheadNs = r.handovers > 0 ? ((r.cpuMs - r.units * cpuPerUnitMs) * 1e6) / r.handovers : 0;
    rows.push({ measure: `2 gil-threads @ ${interval} ms: hand-overs per second`, value: Math.round((r.handovers / r.wallMs) * 1000), unit: '/s' });
    rows.push({ measure: `2 gil-threads @ ${interval} ms: median gap between hand-overs`, value: Math.round(median(r.gaps) * 1000) / 1000, unit: 'ms' });
    rows.push({ measure: `2 gil-threads @ ${interval} ms: CPU per hand-over beyond the work`, value: Math.round(overheadNs), unit: 'ns' });
    // Two CPU-bound threads always want the lock: wall time nobody ran is the hand-overs' cost.
    const idleNs = r.handovers > 0 ? (Math.max(0, r.wallMs - r.cpuMs) * 1e6) / r.handovers : 0;
    rows.push({ measure: `2 gil-threads @ ${interval} ms: idle time per hand-over (lock in transit)`, value: Math.round(idleNs), unit: 'ns' });
    rows.push({ measure: `2 gil-threads @ ${interval} ms: cores used (on-CPU / wall)`, value: Math.round((r.cpuMs / r.wallMs) * 100) / 100, unit: 'cores' });
  }
  await report('gil', 'Simulated GIL: cost per hand-over and hand-over rate', rows, [
    'Hand-over rate is bounded by wake-up latency: with other programs busy on the cores, a woken waiter queues for a CPU (scheduler tick 4 ms here).',
    'CPU per hand-over = (on-CPU of both threads - units x CPU per unit of a lone gil-thread) / hand-overs; it includes the futex wake-ups, and is within noise when the cores are shared (a few % of CPU).',
    'Idle time per hand-over = (wall - on-CPU of both) / hand-overs: how long the lock is in transit (release, futex wake, the waiter getting a CPU).',
  ]);
}

await main();
