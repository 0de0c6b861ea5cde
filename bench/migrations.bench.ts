// Migrations the sampler caught vs the kernel's own count (se.nr_migrations in
// /proc/<pid>/task/<tid>/sched), for busy and bursty threads, with and without
// the worker reporting its own core through its phase slot. Run under the CPU lock:
//   flock /tmp/corelanes-cpu.lock node --import tsx bench/migrations.bench.ts
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Segment, Task } from '../src/shared';
import { computeMetrics } from '../src/main/engine/recording';
import { createSampler } from '../src/main/engine/sampling';
import { readNrMigrations } from '../src/node/proc/migrations-reader';
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

// ---------------------------------------------------------------------------
// Ground truth from the kernel's own trace: `perf record -e sched:sched_switch`
// (root) gives every switch-in and switch-out with its core, on CLOCK_MONOTONIC
// like the sampler. For each tracked thread: the share of its real on-CPU time
// the sampler drew as running on the right core, and migrations between runs.

interface Run {
  startMs: number;
  endMs: number;
  core: number;
}

const SWITCH = /^\s*\d+\s+\[(\d+)\]\s+([\d.]+):\s.*\sprev_pid=(\d+)\s.*==>.*\snext_pid=(\d+)\s/;

/** Pure: on-CPU runs per tid from `perf script -F tid,cpu,time,trace` lines, ms relative to startMono. */
export function runsFromPerf(lines: string[], tids: Set<number>, startMono: number): Map<number, Run[]> {
  const runs = new Map<number, Run[]>();
  const open = new Map<number, { startMs: number; core: number }>();
  for (const line of lines) {
    const m = SWITCH.exec(line);
    if (!m) continue;
    const core = Number(m[1]);
    const tMs = Number(m[2]) * 1000 - startMono;
    const prev = Number(m[3]);
    const next = Number(m[4]);
    const o = open.get(prev);
    if (tids.has(prev) && o) {
      const list = runs.get(prev) ?? [];
      list.push({ startMs: o.startMs, endMs: tMs, core: o.core });
      runs.set(prev, list);
      open.delete(prev);
    }
    if (tids.has(next)) open.set(next, { startMs: tMs, core });
  }
  return runs;
}

/** Pure: ms of the runs the segments show as running on the same core, on another core, or not running. */
export function placementAgreement(runs: Run[], segments: Segment[]): { right: number; wrongCore: number; notRunning: number } {
  const segs = [...segments].sort((a, b) => a.startMs - b.startMs);
  const out = { right: 0, wrongCore: 0, notRunning: 0 };
  let j = 0;
  for (const r of runs) {
    while (j < segs.length && segs[j]!.endMs <= r.startMs) j++;
    let covered = 0;
    for (let k = j; k < segs.length && segs[k]!.startMs < r.endMs; k++) {
      const s = segs[k]!;
      const ov = Math.min(r.endMs, s.endMs) - Math.max(r.startMs, s.startMs);
      if (ov <= 0) continue;
      covered += ov;
      if (s.state !== 'running') out.notRunning += ov;
      else if (s.core === r.core) out.right += ov;
      else out.wrongCore += ov;
    }
    out.notRunning += Math.max(0, r.endMs - r.startMs - covered);
  }
  return out;
}

async function placementVsPerf(name: string, opts: BusyOptions): Promise<BenchRow | null> {
  const dir = mkdtempSync(join(tmpdir(), 'corelanes-perf-'));
  const data = join(dir, 'perf.data');
  const threads = await Promise.all(Array.from({ length: THREADS }, () => startBusyThread({ ...opts, startPaused: true })));
  const perf = spawn('perf', ['record', '-q', '-e', 'sched:sched_switch', '-a', '-k', 'CLOCK_MONOTONIC', '-o', data], { stdio: 'ignore' });
  await sleep(500);
  const runStartMono = monoMs();
  const sampler = await createSampler({ samplerEntry: entry, intervalMs: 1, runStartMono });
  const segments: Segment[] = [];
  sampler.onBatch((b) => segments.push(...b.segments));
  threads.forEach((t, i) => sampler.track({ taskId: `t${i}`, pid: t.pid, tid: t.tid, ...(t.slot ? { phaseSlot: t.slot } : {}) }));
  await sleep(30);
  const windowStart = monoMs() - runStartMono;
  threads.forEach((t) => t.resume());
  await sleep(Math.min(SECONDS, 3) * 1000);
  threads.forEach((t) => t.pause());
  await sleep(50);
  const windowEnd = monoMs() - runStartMono;
  threads.forEach((_, i) => sampler.untrack(`t${i}`));
  await sampler.stop();
  await Promise.all(threads.map((t) => t.stop()));
  perf.kill('SIGINT');
  await new Promise((r) => perf.once('exit', r));
  const script = spawnSync('perf', ['script', '-i', data, '-F', 'tid,cpu,time,trace'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  rmSync(dir, { recursive: true, force: true });
  if (script.status !== 0) return null;
  const tids = new Set(threads.map((t) => t.tid));
  const runs = runsFromPerf(script.stdout.split('\n'), tids, runStartMono);
  let right = 0;
  let wrongCore = 0;
  let notRunning = 0;
  let perfMigrations = 0;
  threads.forEach((t, i) => {
    const inWindow = (runs.get(t.tid) ?? []).filter((r) => r.startMs >= windowStart && r.endMs <= windowEnd);
    for (let k = 1; k < inWindow.length; k++) if (inWindow[k]!.core !== inWindow[k - 1]!.core) perfMigrations++;
    const a = placementAgreement(inWindow, segments.filter((s) => s.taskId === `t${i}`));
    right += a.right;
    wrongCore += a.wrongCore;
    notRunning += a.notRunning;
  });
  const total = right + wrongCore + notRunning;
  const inWindowSegments = segments.filter((s) => s.startMs >= windowStart && s.endMs <= windowEnd);
  const caught = computeMetrics({
    tasks: threads.map((t, i) => ({
      id: `t${i}`, kind: 'thread', label: `t${i}`, pid: t.pid, tid: t.tid, addressSpace: t.pid, parentId: null,
      workload: 'cpu', requestedMs: 0, startedMs: 0, exitMs: null, exitReason: null, exitDetail: null,
    })),
    segments: inWindowSegments,
    wallMs: windowEnd - windowStart,
    logicalCores: availableParallelism(),
    sampler: null,
  }).tasks.reduce((n, t) => n + t.migrations, 0);
  return {
    workload: name,
    selfReport: opts.reportCore ? `every ${opts.coreEveryMs ?? 0} ms` : 'no',
    perfOnCpuMs: Math.round(total),
    rightCorePercent: total > 0 ? Number(((right / total) * 100).toFixed(2)) : null,
    wrongCorePercent: total > 0 ? Number(((wrongCore / total) * 100).toFixed(2)) : null,
    notShownRunningPercent: total > 0 ? Number(((notRunning / total) * 100).toFixed(2)) : null,
    perfMigrationsBetweenRuns: perfMigrations,
    sampledMigrations: caught,
  };
}

const perfOk = process.platform === 'linux' && spawnSync('perf', ['--version']).status === 0 && process.getuid?.() === 0;
if (perfOk) {
  const placement: BenchRow[] = [];
  for (const [name, opts] of [
    ['busy', { burstMs: 1000, sleepMs: 0 }],
    ['bursty 5 ms on / 2 ms off', { burstMs: 5, sleepMs: 2 }],
  ] as const) {
    for (const report of [{ reportCore: true, coreEveryMs: 2 }, { reportCore: false }]) {
      const row = await placementVsPerf(name, { ...opts, ...report });
      if (row) placement.push(row);
    }
  }
  await report('placement', 'Placement vs the kernel trace (perf sched_switch, CLOCK_MONOTONIC)', placement, [
    `${THREADS} threads on ${availableParallelism()} cores, 1 ms sampling; ms of each thread's real runs (perf) drawn running on the right core, another core, or not running.`,
    'perfMigrationsBetweenRuns: core changes between consecutive runs in the kernel trace (what an observer can see); sampledMigrations: the sampler\'s.',
  ]);
} else {
  console.log('\n(placement vs perf skipped: needs Linux, perf and root)');
}
