// Issue 16's row "64 workers, cores saturated: observer coverage (time
// without a gap > 20 ms) >= 95%": 64 CPU-bound process workers on this
// machine's cores, once with each scheduling source. /proc reports its
// coverage (SamplerStats.coverage); the exact source records every switch, so
// its gaps are the records the kernel dropped (lostRecords).
//   npm run bench -- coverage
import { availableParallelism, loadavg } from 'node:os';
import { createEngine } from '../src/main/engine/create-engine';
import { createNodeForkLauncher } from '../src/main/engine/launchers/node-fork-launcher';
import { builtEntries } from '../test/support/entries';
import { report, type BenchRow } from './lib/report';

async function measure(source: 'exact' | 'proc'): Promise<BenchRow> {
  const before = loadavg()[0]!;
  const engine = createEngine({ entries: builtEntries(), launcher: createNodeForkLauncher() });
  const trace = await (await engine.startRun({ kind: 'process', workers: 64, workload: 'cpu', durationS: 5, source })).done;
  await engine.dispose();
  const s = trace.metrics?.sampler;
  return {
    source,
    used: s?.source ?? null,
    cores: availableParallelism(),
    coverage: s?.coverage ?? null,
    gaps: s?.gaps ?? null,
    maxGapMs: s?.maxGapMs ?? null,
    samplerHz: s?.rateHz ?? null,
    records: s?.records ?? null,
    lostRecords: s?.lostRecords ?? null,
    load1Before: before,
    load1After: loadavg()[0]!,
  };
}

const rows = [await measure('exact'), await measure('proc')];
await report('coverage', 'Observer coverage, 64 CPU-bound process workers, 5 s (target >= 95% without a gap > 20 ms)', rows, [
  'coverage: /proc only (the share of the sampled span outside pauses > 20 ms); the exact source misses only lostRecords.',
  'load1: the 1-minute load average before and after the run (other jobs share this machine).',
]);
