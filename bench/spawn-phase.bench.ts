// The spawn phase of 64 process workers (cpu workload) on this machine: from
// the first spawn request until every worker said hello, with at most `batch`
// starting at once (batch 64 = all at once, as before issue 16), against 64
// bare forks started in the same batch size (bench/lib/bare-spawn.ts).
// Target: spawn phase <= 1.3x the bare forks' in the batch size the engine picks.
//   npm run bench -- spawn-phase
import { availableParallelism, loadavg } from 'node:os';
import { createEngine } from '../src/main/engine/create-engine';
import { createNodeForkLauncher } from '../src/main/engine/launchers/node-fork-launcher';
import { spawnBatchBound } from '../src/main/engine/session/spawn-batch';
import { builtEntries } from '../test/support/entries';
import { bareSpawnPhaseMs } from './lib/bare-spawn';
import { report, type BenchRow } from './lib/report';

const WORKERS = 64;
const chosen = spawnBatchBound(availableParallelism());
const batches = [...new Set([WORKERS, 2, chosen, 8, 16])].sort((a, b) => a - b);
const repeats = Number(process.env.SPAWN_PHASE_REPEATS ?? 1);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function enginePhase(batch: number): Promise<{ phaseMs: number; spawnMedianMs: number; hung: number; wallMs: number }> {
  const engine = createEngine({ entries: builtEntries(), launcher: createNodeForkLauncher(), timing: { spawnBatch: batch } });
  const trace = await (await engine.startRun({ kind: 'process', workers: WORKERS, workload: 'cpu', durationS: 1 })).done;
  await engine.dispose();
  const phase = trace.run.spawnPhase;
  if (!phase) throw new Error('the run recorded no spawn phase');
  const workers = trace.tasks.filter((t) => /^w\d+$/.test(t.id));
  return {
    phaseMs: phase.endMs - phase.startMs,
    spawnMedianMs: median(workers.map((t) => (t.startedMs ?? Number.NaN) - t.requestedMs)),
    hung: workers.filter((t) => t.exitReason === 'hung').length,
    wallMs: trace.run.wallMs,
  };
}

const rows: BenchRow[] = [];
for (const batch of batches) {
  const runs: Awaited<ReturnType<typeof enginePhase>>[] = [];
  const bare: number[] = [];
  const load = loadavg()[0]!;
  for (let i = 0; i < repeats; i++) {
    runs.push(await enginePhase(batch));
    bare.push(await bareSpawnPhaseMs(WORKERS, batch));
  }
  const phaseMs = median(runs.map((r) => r.phaseMs));
  const bareMs = median(bare);
  rows.push({
    batch,
    chosen: batch === chosen,
    phaseMs,
    bareForksMs: bareMs,
    vsBare: `${(phaseMs / bareMs).toFixed(2)}x`,
    target: batch === chosen ? '<= 1.3x' : '-',
    spawnMedianMs: median(runs.map((r) => r.spawnMedianMs)),
    hung: Math.max(...runs.map((r) => r.hung)),
    wallMs: median(runs.map((r) => r.wallMs)),
    load1: Number(load.toFixed(2)),
  });
}
await report('spawn-phase', `Spawn phase: ${WORKERS} process workers (cpu) vs ${WORKERS} bare forks in the same batch size`, rows, [
  'batch: at most this many workers starting at once (requested, not yet up); 64 = all at once (the engine before batching).',
  `chosen: the engine's default here, spawnBatchBound(${availableParallelism()} cores) = ${chosen} (src/main/engine/session/spawn-batch.ts).`,
  'phaseMs: run.spawnPhase, from the first request until every worker said hello (its bundle loaded). bareForksMs: node -e children that post a first-instruction stamp, forked the same way.',
  'Once up, both wait idle until the phase is over (the engine holds each worker\'s start until then, so the ones still starting get the CPU); then the engine\'s 64 workers compute for 1 s.',
  `spawnMedianMs: median request-to-first-instruction per worker. load1: 1-minute load average before the row. Repeats per row: ${repeats} (SPAWN_PHASE_REPEATS), medians.`,
]);
