// Peak RSS per worker thread: N CPU-bound workload threads through the engine
// vs N bare `new Worker`s that post one message and spin (issue 16's row).
// Each side runs in its own fresh process, alternating, and is measured by the
// kernel's high-water mark (VmHWM) minus the RSS just before the first spawn.
//   npm run bench -- worker-memory
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../test/support/entries';
import { report } from './lib/report';

const THREADS = 16;
const SECONDS = 2;
const ROUNDS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function side(mode: 'engine' | 'bare'): { baseMiB: number; peakMiB: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/lib/worker-memory-child.ts'), mode, String(THREADS), String(SECONDS)], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`worker-memory child (${mode}) failed: exit ${r.status ?? r.signal}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { baseMiB: number; peakMiB: number };
}

const runs = { engine: [] as { baseMiB: number; peakMiB: number }[], bare: [] as { baseMiB: number; peakMiB: number }[] };
for (let i = 0; i < ROUNDS; i++) {
  runs.bare.push(side('bare'));
  runs.engine.push(side('engine'));
}
const perWorker = (xs: { baseMiB: number; peakMiB: number }[]) => median(xs.map((x) => (x.peakMiB - x.baseMiB) / THREADS));
const engineMiB = perWorker(runs.engine);
const bareMiB = perWorker(runs.bare);
await report(
  'worker-memory',
  `Peak RSS per worker thread: ${THREADS} CPU-bound engine threads vs ${THREADS} bare new Workers`,
  [
    {
      measure: 'peak RSS per worker thread vs bare new Worker (medians)',
      engineMiBPerWorker: engineMiB,
      bareMiBPerWorker: bareMiB,
      ratio: `${(engineMiB / bareMiB).toFixed(2)}x`,
      enginePeakMiB: median(runs.engine.map((x) => x.peakMiB)),
      barePeakMiB: median(runs.bare.map((x) => x.peakMiB)),
      target: '<= 1.3x',
    },
  ],
  [
    `${ROUNDS} alternating rounds, each side in a fresh process (bench/lib/worker-memory-child.ts); per worker = (VmHWM - VmRSS before the first spawn) / ${THREADS}.`,
    `engine: a ${SECONDS} s cpu run of ${THREADS} threads, /proc source (its sampler thread is counted in the engine's share); bare: new Worker(eval) posting one message, then spinning ${SECONDS} s.`,
  ],
);
