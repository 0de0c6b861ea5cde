// Core changes and placement, both sources watching the same threads at the
// same time: the exact source (the kernel's switch records) and the /proc
// sampler (at its default CPU budget, or CORELANES_PROC_CPU_BUDGET=off for a
// fixed 1 ms). Ground truth: the kernel's own migration count (se.nr_migrations
// in /proc/<pid>/task/<tid>/sched) and, with root and perf, its sched_switch
// trace. Run under the CPU lock:
//   flock /tmp/corelanes-heavy.lock node --import tsx bench/migrations.bench.ts
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SamplerStats, Segment, Task } from '../src/shared';
import { computeMetrics } from '../src/main/engine/recording';
import { createSampler, type Sampler } from '../src/main/engine/sampling';
import { readNrMigrations } from '../src/node/proc/migrations-reader';
import { buildSamplerEntry } from '../test/integration/sampler/fixtures/build-sampler';
import { startBusyThread, type BusyOptions, type BusyThread } from '../test/integration/sampler/fixtures/busy-threads';
import { monoMs, sleep } from '../test/integration/sampler/fixtures/proc-probe';
import { report, type BenchRow } from './lib/report';

const SECONDS = Number(process.env.MIGRATIONS_BENCH_SECONDS ?? 4);
const THREADS = 3; // 3 threads on 2 cores: the scheduler moves them around
const SOURCES = ['exact', 'proc'] as const;
type Source = (typeof SOURCES)[number];
const entry = await buildSamplerEntry();
const pct = (part: number, whole: number) => (whole > 0 ? Number(((part / whole) * 100).toFixed(1)) : null);

interface Watched {
  segments: Segment[];
  stats: SamplerStats;
}

/**
 * Both sources watch the same threads over the same span. The exact source
 * opens first (it covers threads that exist when it opens, and what they create).
 * Returns each source's segments and stats, plus the span's bounds (ms since runStartMono).
 */
async function watchBoth(threads: BusyThread[], runStartMono: number, procIntervalMs: number, seconds: number, during?: () => void): Promise<{ by: Record<Source, Watched>; windowStart: number; windowEnd: number }> {
  const samplers: Record<Source, Sampler> = {
    exact: await createSampler({ samplerEntry: entry, intervalMs: procIntervalMs, runStartMono, source: 'exact' }),
    proc: await createSampler({ samplerEntry: entry, intervalMs: procIntervalMs, runStartMono, source: 'proc' }),
  };
  const segments: Record<Source, Segment[]> = { exact: [], proc: [] };
  for (const s of SOURCES) {
    samplers[s].onBatch((b) => segments[s].push(...b.segments));
    threads.forEach((t, i) => samplers[s].track({ taskId: `t${i}`, pid: t.pid, tid: t.tid, ...(t.slot ? { phaseSlot: t.slot } : {}) }));
  }
  await sleep(30);
  during?.();
  const windowStart = monoMs() - runStartMono;
  threads.forEach((t) => t.resume());
  await sleep(seconds * 1000);
  threads.forEach((t) => t.pause());
  await sleep(50);
  const windowEnd = monoMs() - runStartMono;
  for (const s of SOURCES) threads.forEach((_, i) => samplers[s].untrack(`t${i}`));
  const stats = { exact: await samplers.exact.stop(), proc: await samplers.proc.stop() };
  return { by: { exact: { segments: segments.exact, stats: stats.exact }, proc: { segments: segments.proc, stats: stats.proc } }, windowStart, windowEnd };
}

/** Core changes between consecutive running segments (computeMetrics), summed over the threads. */
function coreChanges(threads: BusyThread[], segments: Segment[], wallMs: number): number {
  const tasks: Task[] = threads.map((t, i) => ({
    id: `t${i}`, kind: 'thread', label: `t${i}`, pid: t.pid, tid: t.tid, addressSpace: t.pid, parentId: null,
    workload: 'cpu', requestedMs: 0, startedMs: 0, exitMs: null, exitReason: null, exitDetail: null,
  }));
  return computeMetrics({ tasks, segments, wallMs, logicalCores: availableParallelism(), sampler: null }).tasks.reduce((n, t) => n + t.migrations, 0);
}

/** The kernel's migration count of each thread now. */
const nrMigrations = (threads: BusyThread[]) => threads.map((t) => readNrMigrations(t.pid, t.tid) ?? NaN);
const sumDelta = (after: number[], before: number[]) => after.reduce((a, n, i) => a + (n - before[i]!), 0);

async function measure(name: string, opts: BusyOptions, intervalMs: number): Promise<BenchRow[]> {
  const threads = await Promise.all(Array.from({ length: THREADS }, () => startBusyThread({ ...opts, startPaused: true })));
  let before: number[] = [];
  let selfBefore: (number | null)[] = [];
  const { by } = await watchBoth(threads, monoMs(), intervalMs, SECONDS, () => {
    before = nrMigrations(threads);
    selfBefore = threads.map((t) => t.selfMigrations());
  });
  const kernel = sumDelta(nrMigrations(threads), before);
  const selfAfter = threads.map((t) => t.selfMigrations());
  await Promise.all(threads.map((t) => t.stop()));
  const seenBySelf = opts.reportCore ? selfAfter.reduce<number>((a, n, i) => a + (n ?? 0) - (selfBefore[i] ?? 0), 0) : null;
  return SOURCES.map((source) => {
    const caught = coreChanges(threads, by[source].segments, SECONDS * 1000);
    return {
      workload: name,
      selfReport: opts.reportCore ? `every ${opts.coreEveryMs ?? 0} ms` : 'no',
      source,
      procIntervalMs: intervalMs,
      kernelMigrations: kernel,
      caught,
      caughtPercent: pct(caught, kernel),
      workerSawItself: seenBySelf,
      caughtOfWorkerSeenPercent: seenBySelf ? pct(caught, seenBySelf) : null,
      samplerHz: source === 'proc' ? Math.round(by.proc.stats.rateHz) : null,
      samplerCpuPercent: Number(by[source].stats.cpuPercent.toFixed(2)),
    };
  });
}

const rows: BenchRow[] = [];
for (const [name, opts] of [
  ['busy', { burstMs: 1000, sleepMs: 0 }],
  ['bursty 5 ms on / 2 ms off', { burstMs: 5, sleepMs: 2 }],
] as const) {
  for (const report of [{ reportCore: true }, { reportCore: true, coreEveryMs: 2 }, { reportCore: false }]) {
    rows.push(...(await measure(name, { ...opts, ...report }, 1)));
    await sleep(200);
  }
}
rows.push(...(await measure('bursty 5 ms on / 2 ms off', { burstMs: 5, sleepMs: 2, reportCore: true }, 20)));

const budget = process.env.CORELANES_PROC_CPU_BUDGET ?? 'default (3%)';
await report('migrations', 'Core changes caught vs the kernel (se.nr_migrations), exact and /proc watching the same threads at once', rows, [
  `${THREADS} threads on ${availableParallelism()} cores, ${SECONDS} s per workload; both sources watch the same threads at the same time. /proc CPU budget: ${budget}.`,
  'caught = core changes between consecutive running segments of a thread (computeMetrics). kernelMigrations = se.nr_migrations delta:',
  'it also counts moves of a task while it is queued or asleep (a wake-up placed on another core) that end with the next run on the same core as the last,',
  'which no drawing of runs can show; so neither source reaches 100% of it. The perf table below compares with core changes between runs.',
  'selfReport: the thread writes its own core (stat field 39, read by itself while running: exact) into its phase slot (the /proc sampler uses it; exact ignores it).',
  'workerSawItself: core changes the thread itself saw between its own reads of field 39 (every few us while running).',
  'procIntervalMs: the /proc sampler\'s requested (finest) interval; samplerHz: the rate it reached under its budget.',
]);

// ---------------------------------------------------------------------------
// Ground truth from the kernel's own trace: `perf record -e sched:sched_switch`
// (root) gives every switch-in and switch-out with its core, on CLOCK_MONOTONIC
// like the sources. For each tracked thread and source: the share of its real
// on-CPU time drawn running on the right core, and core changes between runs.

interface Run {
  startMs: number;
  endMs: number;
  core: number;
}

const SWITCH = /^\s*-?\d+\s+\[(\d+)\]\s+([\d.]+):\s.*\sprev_pid=(\d+)\s.*==>.*\snext_pid=(\d+)\s/;

/**
 * Pure: on-CPU runs per tid from `perf script -F tid,cpu,time,trace` lines, ms relative to startMono.
 * unpaired: switches of a tracked tid that break the in/out alternation (a switch-out with no
 * switch-in before it, or two switch-ins): events missing from perf's own trace.
 */
export function runsFromPerf(lines: string[], tids: Set<number>, startMono: number): { runs: Map<number, Run[]>; unpaired: number } {
  const runs = new Map<number, Run[]>();
  let unpaired = 0;
  const open = new Map<number, { startMs: number; core: number }>();
  // perf script merges its per-CPU buffers; sorted by time here in case a round came out of order.
  const events = lines.flatMap((line) => {
    const m = SWITCH.exec(line);
    return m ? [{ core: Number(m[1]), tMs: Number(m[2]) * 1000 - startMono, prev: Number(m[3]), next: Number(m[4]) }] : [];
  });
  events.sort((a, b) => a.tMs - b.tMs);
  for (const { core, tMs, prev, next } of events) {
    const o = open.get(prev);
    if (tids.has(prev) && !o) unpaired++;
    if (tids.has(next) && open.has(next)) unpaired++;
    if (tids.has(prev) && o) {
      const list = runs.get(prev) ?? [];
      list.push({ startMs: o.startMs, endMs: tMs, core: o.core });
      runs.set(prev, list);
      open.delete(prev);
    }
    if (tids.has(next)) open.set(next, { startMs: tMs, core });
  }
  return { runs, unpaired };
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

async function placementVsPerf(name: string, opts: BusyOptions): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'corelanes-perf-'));
  const data = join(dir, 'perf.data');
  const threads = await Promise.all(Array.from({ length: THREADS }, () => startBusyThread({ ...opts, startPaused: true })));
  const perf = spawn('perf', ['record', '-q', '-m', '1024', '-e', 'sched:sched_switch', '-a', '-k', 'CLOCK_MONOTONIC', '-o', data], { stdio: 'ignore' });
  await sleep(500);
  const runStartMono = monoMs();
  let before: number[] = [];
  const { by, windowStart, windowEnd } = await watchBoth(threads, runStartMono, 1, Math.min(SECONDS, 3), () => (before = nrMigrations(threads)));
  const kernel = sumDelta(nrMigrations(threads), before);
  await Promise.all(threads.map((t) => t.stop()));
  perf.kill('SIGINT');
  await new Promise((r) => perf.once('exit', r));
  const script = spawnSync('perf', ['script', '-i', data, '-F', 'tid,cpu,time,trace', '--show-lost-events'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  rmSync(dir, { recursive: true, force: true });
  if (script.status !== 0) return [];
  const tids = new Set(threads.map((t) => t.tid));
  const lines = script.stdout.split('\n');
  // Events perf itself lost (its buffers overflowed): runs missing from the ground truth.
  const perfLost = lines.filter((l) => /LOST/.test(l)).length;
  const { runs, unpaired } = runsFromPerf(lines, tids, runStartMono);
  const inWindow = threads.map((t) => (runs.get(t.tid) ?? []).filter((r) => r.startMs >= windowStart && r.endMs <= windowEnd));
  let perfMigrations = 0;
  for (const list of inWindow) for (let k = 1; k < list.length; k++) if (list[k]!.core !== list[k - 1]!.core) perfMigrations++;
  return SOURCES.map((source) => {
    let right = 0;
    let wrongCore = 0;
    let notRunning = 0;
    threads.forEach((_, i) => {
      const a = placementAgreement(inWindow[i]!, by[source].segments.filter((s) => s.taskId === `t${i}`));
      right += a.right;
      wrongCore += a.wrongCore;
      notRunning += a.notRunning;
    });
    const total = right + wrongCore + notRunning;
    const caught = coreChanges(threads, by[source].segments.filter((s) => s.startMs >= windowStart && s.endMs <= windowEnd), windowEnd - windowStart);
    return {
      workload: name,
      selfReport: opts.reportCore ? `every ${opts.coreEveryMs ?? 0} ms` : 'no',
      source,
      perfOnCpuMs: Math.round(total),
      rightCorePercent: total > 0 ? Number(((right / total) * 100).toFixed(2)) : null,
      wrongCorePercent: total > 0 ? Number(((wrongCore / total) * 100).toFixed(2)) : null,
      notShownRunningPercent: total > 0 ? Number(((notRunning / total) * 100).toFixed(2)) : null,
      perfMigrationsBetweenRuns: perfMigrations,
      caught,
      caughtOfPerfPercent: pct(caught, perfMigrations),
      kernelNrMigrations: kernel,
      perfLostRecords: perfLost,
      perfUnpairedSwitches: unpaired,
      caughtOfKernelPercent: pct(caught, kernel),
      samplerHz: source === 'proc' ? Math.round(by.proc.stats.rateHz) : null,
    };
  });
}

const perfOk = process.platform === 'linux' && spawnSync('perf', ['--version']).status === 0 && process.getuid?.() === 0;
if (perfOk) {
  const placement: BenchRow[] = [];
  for (const [name, opts] of [
    ['busy', { burstMs: 1000, sleepMs: 0 }],
    ['bursty 5 ms on / 2 ms off', { burstMs: 5, sleepMs: 2 }],
  ] as const) {
    for (const report of [{ reportCore: true, coreEveryMs: 2 }, { reportCore: false }]) {
      placement.push(...(await placementVsPerf(name, { ...opts, ...report })));
    }
  }
  await report('placement', 'Placement and core changes vs the kernel trace (perf sched_switch, CLOCK_MONOTONIC), exact and /proc on the same threads at once', placement, [
    `${THREADS} threads on ${availableParallelism()} cores, ${Math.min(SECONDS, 3)} s per workload; /proc at a requested 1 ms, CPU budget ${budget}; exact drains every 100 ms.`,
    "right/wrong/notShownRunning: ms of each thread's real runs (perf sched_switch, switch-in to switch-out) drawn running on the same core, on another core, or not running.",
    'perfMigrationsBetweenRuns: core changes between consecutive runs of a thread in the kernel trace (what a drawing of runs can show); caught: the source\'s',
    'core changes between consecutive running segments. A wrongly placed sliver counts twice, so caught can exceed it.',
    'kernelNrMigrations: se.nr_migrations delta over the same span (also counts moves while queued or asleep that a drawing of runs cannot see).',
  ]);
} else {
  console.log('\n(placement vs perf skipped: needs Linux, perf and root)');
}
