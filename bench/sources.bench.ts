// Exact switch records vs the /proc sampler, measured in the same run on this
// machine, as ratios (issue 9's table). Each row is one measure, columns exact
// and proc; bench/results/sources.json keeps it.
//   npm run bench -- sources      (or: node --import tsx bench/sources.bench.ts)
import { createEngine } from '../src/main/engine/create-engine';
import { createNodeForkLauncher } from '../src/main/engine/launchers/node-fork-launcher';
import { createNoSampler } from '../src/main/engine/sampling-off';
import { createSampler } from '../src/main/engine/sampling';
import { activeParallelism } from '../src/main/presets/lib/measures';
import type { RunParamsInput, SourceChoice, Trace } from '../src/shared';
import { builtEntries } from '../test/support/entries';
import { busyLoopCores } from '../test/support/baseline';
import { buildSamplerEntry } from '../test/integration/sampler/fixtures/build-sampler';
import { startBusyThread } from '../test/integration/sampler/fixtures/busy-threads';
import { monoMs, schedstat, sleep } from '../test/integration/sampler/fixtures/proc-probe';
import { bareSpawnMs } from './lib/bare-spawn';
import { report, type BenchRow } from './lib/report';

const ROUNDS = 3;
const SOURCES = ['exact', 'proc'] as const;
type Source = (typeof SOURCES)[number];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

async function run(params: RunParamsInput, source: SourceChoice | 'off'): Promise<Trace> {
  const engine = createEngine({ entries: builtEntries(), launcher: createNodeForkLauncher(), ...(source === 'off' ? { samplerFactory: createNoSampler } : {}) });
  try {
    const session = await engine.startRun({ ...params, source: source === 'off' ? 'proc' : source });
    return await session.done;
  } finally {
    await engine.dispose();
  }
}

/** Units per second while the workers ran (each worker's units over its own first-instruction-to-exit span). */
function unitsPerSecond(trace: Trace): number {
  let rate = 0;
  for (const m of trace.metrics?.tasks ?? []) {
    const task = trace.tasks.find((t) => t.id === m.taskId);
    if (!task || task.startedMs === null || task.exitMs === null || m.unitsDone === null) continue;
    rate += m.unitsDone / ((task.exitMs - task.startedMs) / 1000);
  }
  return rate;
}

/** Whole-life on-CPU of 3 threads born after the sampler (busy, bursty, mostly asleep) vs the kernel's count (schedstat = sum of sched_stat_runtime). */
async function wholeLife(entry: string, source: Source): Promise<number> {
  const sampler = await createSampler({ samplerEntry: entry, intervalMs: 1, runStartMono: monoMs(), source });
  const traced = new Map<string, number>();
  sampler.onBatch((b) => b.segments.forEach((s) => traced.set(s.taskId, (traced.get(s.taskId) ?? 0) + s.onCpuNs)));
  const threads = await Promise.all([startBusyThread({ burstMs: 50, sleepMs: 0 }), startBusyThread({ burstMs: 2, sleepMs: 1 }), startBusyThread({ burstMs: 1, sleepMs: 10 })]);
  threads.forEach((t, i) => sampler.track({ taskId: `t${i}`, pid: t.pid, tid: t.tid }));
  await sleep(1500);
  threads.forEach((t) => t.pause());
  await sleep(100);
  const kernel = threads.map((t) => schedstat(t.pid, t.tid).onCpuNs);
  threads.forEach((_, i) => sampler.untrack(`t${i}`));
  await sleep(250);
  await sampler.stop();
  await Promise.all(threads.map((t) => t.stop()));
  return Math.max(...kernel.map((k, i) => Math.abs((traced.get(`t${i}`) ?? 0) - k) / k));
}

const spawnMedian = (trace: Trace) => median(trace.metrics!.tasks.filter((t) => t.spawnMs !== null && (t.kind === 'thread' || t.kind === 'process')).map((t) => t.spawnMs!));

const entry = await buildSamplerEntry();
const m: Record<Source, { life: number[]; through: number[]; cost16: number[]; cost16long: number[]; par: number[]; thread: number[]; proc: number[] }> = {
  exact: { life: [], through: [], cost16: [], cost16long: [], par: [], thread: [], proc: [] },
  proc: { life: [], through: [], cost16: [], cost16long: [], par: [], thread: [], proc: [] },
};
const offThroughput: number[] = [];
const bare = { thread: [] as number[], fork: [] as number[] };
const cpu2 = { kind: 'thread', workers: 2, workload: 'cpu', durationS: 2, intervalMs: 1 } as const;
for (let round = 0; round < ROUNDS; round++) {
  offThroughput.push(unitsPerSecond(await run(cpu2, 'off')));
  for (const s of SOURCES) {
    m[s].life.push(await wholeLife(entry, s));
    const through = await run(cpu2, s);
    m[s].through.push(unitsPerSecond(through));
    m[s].thread.push(spawnMedian(through));
    const busy16 = await run({ kind: 'thread', workers: 16, workload: 'mixed', durationS: 1.5, intervalMs: 1 }, s);
    m[s].cost16.push(busy16.metrics?.sampler?.cpuPercent ?? NaN);
    // The same for 6 s: the start (tracking 16 tasks, their first records) weighs less, nearer the steady cost.
    const long16 = await run({ kind: 'thread', workers: 16, workload: 'mixed', durationS: 6, intervalMs: 1 }, s);
    m[s].cost16long.push(long16.metrics?.sampler?.cpuPercent ?? NaN);
    const baseline = await busyLoopCores(2);
    const procs = await run({ kind: 'process', workers: 2, workload: 'cpu', durationS: 1.5, intervalMs: 1 }, s);
    m[s].par.push(activeParallelism(procs) / baseline);
    m[s].proc.push(spawnMedian(procs));
  }
  // The engine's rows are the median of a batch of 2 started at once (the cpu and parallelism runs): the baseline is the same batch.
  for (let i = 0; i < 3; i++) {
    bare.thread.push(median(await bareSpawnMs('thread', 2, 300)));
    bare.fork.push(median(await bareSpawnMs('process', 2, 300)));
  }
}

const best = (xs: number[]) => Math.max(...xs);
const row = (measure: string, f: (s: Source) => string, target: string): BenchRow => ({ measure, exact: f('exact'), proc: f('proc'), 'target exact / proc': target });
await report(
  'sources',
  'Scheduling sources: exact switch records vs /proc sampling (same run, same machine)',
  [
    row('whole-life on-CPU per task vs kernel (worst of 3 tasks, median of rounds)', (s) => pct(median(m[s].life)), '<= 0.5% / <= 1%'),
    row('observer: CPU throughput watched / unwatched (best runs)', (s) => pct(best(m[s].through) / best(offThroughput)), '>= 99% / >= 97%'),
    row("observer's own CPU, 16 tasks (median, % of a core)", (s) => `${median(m[s].cost16).toFixed(2)}%`, '<= 1% / <= 3%'),
    row("observer's own CPU, 16 tasks, 6 s runs (median, % of a core)", (s) => `${median(m[s].cost16long).toFixed(2)}%`, '<= 1% / <= 3%'),
    row('thread spawn vs bare new Worker (medians)', (s) => `${(median(m[s].thread) / median(bare.thread)).toFixed(2)}x`, '<= 1.5x'),
    row('process spawn vs bare fork (medians)', (s) => `${(median(m[s].proc) / median(bare.fork)).toFixed(2)}x`, '<= 1.2x'),
    row("2 CPU-bound processes' parallelism vs 2 bare busy loops (median)", (s) => `${median(m[s].par).toFixed(3)}x`, '>= 0.95x / >= 0.9x'),
  ],
  [
    `${ROUNDS} rounds, sources alternating; the kernel's count is /proc/<tid>/schedstat (equal to the sum of sched_stat_runtime).`,
    `bare new Worker median ${median(bare.thread).toFixed(1)} ms, bare fork median ${median(bare.fork).toFixed(1)} ms; spawn = request to the worker's first instruction, stamped by the worker, for both (bench/lib/bare-spawn.ts).`,
    'Spawn rows: the engine starts 2 workers at once and the first computes while the second starts; the bare baseline is 2 at once that spin 300 ms after their first message.',
    'Throughput: 2 CPU-bound worker threads, 2 s; "unwatched" is the same engine with a sampler that reads nothing.',
    "Own CPU: 16 mixed threads (compute, I/O and sleep), 1.5 s and 6 s; the sampler thread's CPU from its first sample to its last (its bundle's load is before).",
    'Parallelism: activeParallelism (while the workers ran) / cores two bare busy loops got just before (test/support/baseline.ts).',
    `/proc CPU budget: ${process.env.CORELANES_PROC_CPU_BUDGET ?? 'default (3% of a core)'} (CORELANES_PROC_CPU_BUDGET=off: a fixed 1 ms).`,
    'Not measured here: placement and core changes vs perf sched_switch, both sources (bench/migrations.bench.ts), and the CPython GIL rows.',
  ],
);
