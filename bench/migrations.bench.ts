// Migrations the sampler caught vs the kernel's own count (se.nr_migrations in
// /proc/<pid>/task/<tid>/sched), for busy and bursty threads, with and without
// the worker reporting its own core through its phase slot. Run under the CPU lock:
//   flock /tmp/corelanes-cpu.lock node --import tsx bench/migrations.bench.ts
import { availableParallelism } from 'node:os';
import type { Segment, Task } from '../src/shared';
import { computeMetrics } from '../src/main/engine/recording';
import { createSampler } from '../src/main/engine/sampling';
import { readNrMigrations } from '../src/main/platform';
import { buildSamplerEntry } from '../test/integration/sampler/fixtures/build-sampler';
import { startBusyThread, type BusyOptions } from '../test/integration/sampler/fixtures/busy-threads';
import { monoMs, sleep } from '../test/integration/sampler/fixtures/proc-probe';
import { report, type BenchRow } from './lib/report';

const SECONDS = Number(process.env.MIGRATIONS_BENCH_SECONDS ?? 4);
const THREADS = 3; // 3 threads on 2 cores: the scheduler moves them around
const entry = await buildSamplerEntry();

async function measure(name: string, opts: BusyOptions, intervalMs: number): Promise<BenchRow> {
  const threads = await Promise.all(Array.from({ length: THREADS }, () => startBusyThread({ ...opts, startPaused: true })));
  const nr = () => threads.map((t) => readNrMigrations(t.pid, t.tid) ?? NaN);
  const sampler = await createSampler({ samplerEntry: entry, intervalMs, runStartMono: monoMs() });
  const segments: Segment[] = [];
  sampler.onBatch((b) => segments.push(...b.segments));
  const before = nr();
  const selfBefore = threads.map((t) => t.selfMigrations());
  threads.forEach((t, i) => sampler.track({ taskId: `t${i}`, pid: t.pid, tid: t.tid, ...(t.slot ? { phaseSlot: t.slot } : {}) }));
  await sleep(30);
  threads.forEach((t) => t.resume());
  await sleep(SECONDS * 1000);
  threads.forEach((t) => t.pause());
  await sleep(50);
  threads.forEach((_, i) => sampler.untrack(`t${i}`));
  const stats = await sampler.stop();
  const after = nr();
  const selfAfter = threads.map((t) => t.selfMigrations());
  await Promise.all(threads.map((t) => t.stop()));

  const tasks: Task[] = threads.map((t, i) => ({
    id: `t${i}`, kind: 'thread', label: `t${i}`, pid: t.pid, tid: t.tid, addressSpace: t.pid, parentId: null,
    workload: 'cpu', requestedMs: 0, startedMs: 0, exitMs: null, exitReason: null, exitDetail: null,
  }));
  const metrics = computeMetrics({ tasks, segments, wallMs: SECONDS * 1000, logicalCores: availableParallelism(), sampler: stats });
  const caught = metrics.tasks.reduce((a, t) => a + t.migrations, 0);
  const kernel = after.reduce((a, n, i) => a + (n - before[i]!), 0);
  const seenBySelf = opts.reportCore ? selfAfter.reduce<number>((a, n, i) => a + (n ?? 0) - (selfBefore[i] ?? 0), 0) : null;
  return {
    workload: name,
    selfReport: opts.reportCore ? `every ${opts.coreEveryMs ?? 0} ms` : 'no',
    intervalMs,
    kernelMigrations: kernel,
    caught,
    caughtPercent: kernel > 0 ? Number(((caught / kernel) * 100).toFixed(1)) : null,
    workerSawItself: seenBySelf,
    caughtOfWorkerSeenPercent: seenBySelf ? Number(((caught / seenBySelf) * 100).toFixed(1)) : null,
    samplerHz: Math.round(stats.rateHz),
  };
}

const rows: BenchRow[] = [];
for (const [name, opts] of [
  ['busy', { burstMs: 1000, sleepMs: 0 }],
  ['bursty 5 ms on / 2 ms off', { burstMs: 5, sleepMs: 2 }],
] as const) {
  for (const report of [{ reportCore: true }, { reportCore: true, coreEveryMs: 2 }, { reportCore: false }]) {
    rows.push(await measure(name, { ...opts, ...report }, 1));
    await sleep(200);
  }
}
rows.push(await measure('bursty 5 ms on / 2 ms off', { burstMs: 5, sleepMs: 2, reportCore: true }, 20));

await report('migrations', 'Migrations caught by the sampler vs the kernel (se.nr_migrations)', rows, [
  `${THREADS} threads on ${availableParallelism()} cores, ${SECONDS} s per row. caught = core changes between consecutive running segments.`,
  'selfReport: the thread writes its own core (stat field 39, read by itself while running: exact) into its phase slot.',
  'workerSawItself: core changes the thread itself saw between its own reads of field 39 (every few us while running):',
  'the most any observer outside the kernel can see; the kernel also counts moves of a task that is queued or asleep.',
  'Target: >= 99% for workers that self-report their core.',
]);
