// Scale on this machine: 64 process workers (mixed workload) on however many
// cores there are. Counts workers judged hung (the target is 0: a starved
// worker is not a hung one) and reports the spawn phase and the run queue.
//   npm run bench -- scale
import { availableParallelism } from 'node:os';
import { createEngine } from '../src/main/engine/create-engine';
import { createNodeForkLauncher } from '../src/main/engine/launchers/node-fork-launcher';
import { builtEntries } from '../test/support/entries';
import { report, type BenchRow } from './lib/report';

const WORKERS = 64;

async function measure(workload: 'mixed' | 'cpu'): Promise<BenchRow> {
  const engine = createEngine({ entries: builtEntries(), launcher: createNodeForkLauncher() });
  const trace = await (await engine.startRun({ kind: 'process', workers: WORKERS, workload, durationS: 5 })).done;
  await engine.dispose();
  const workers = trace.tasks.filter((t) => /^w\d+$/.test(t.id));
  const spawnMs = workers.map((t) => (t.startedMs ?? Number.NaN) - t.requestedMs).sort((a, b) => a - b);
  const metrics = (trace.metrics?.tasks ?? []).filter((t) => /^w\d+$/.test(t.taskId));
  return {
    workload,
    workers: workers.length,
    cores: availableParallelism(),
    hung: workers.filter((t) => t.exitReason === 'hung').length,
    spawnMedianMs: spawnMs[Math.floor(spawnMs.length / 2)] ?? null,
    spawnMaxMs: spawnMs.at(-1) ?? null,
    wallMs: trace.metrics?.wallMs ?? null,
    runQueueMsPerWorker: metrics.reduce((a, t) => a + t.waitMs, 0) / Math.max(1, metrics.length),
    samplerHz: trace.metrics?.sampler?.rateHz ?? null,
  };
}

const rows = [await measure('mixed'), await measure('cpu')];
await report('scale', 'Scale: 64 process workers, 5 s, workers misjudged as hung (target 0)', rows, [
  'hung: workers the watchdog killed as hung. They only waited in the run queue (they are healthy workloads), so every one would be a misjudgement.',
  'The watchdog judges from schedstat since the worker was last heard: hung only if it ran, or slept while the machine had idle CPU, for the 3 s grace (src/main/engine/session/hang-judge.ts).',
]);
