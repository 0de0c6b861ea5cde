import type { Trace, WorkerKind } from '../../shared';
import type { Preset } from './preset';
import { activeParallelism, durationOf, r, runOnce, scenario, unitsPerActiveSecond } from './lib';
import { pythonsOnPath } from '../python/discover';

const ID = 'speedup-sweep';
const CLAIM = 'Adding workers speeds up CPU-bound work only up to the number of cores, and not at all under a GIL.';

/** Speedup of each kind at 1..2x cores workers (the data of the speedup plot). */
export const speedupSweep: Preset = {
  scenario: scenario(ID, 'Speedup sweep: 1..2x cores workers of each kind', CLAIM, { workload: 'cpu', durationS: 1 }),
  async run(ctx) {
    const durationS = durationOf(ctx, 1.5);
    const machine = await ctx.engine.machine();
    const cores = machine.logicalCores;
    const counts = [...new Set([1, ...Array.from({ length: 2 * cores }, (_, i) => i + 1).filter((n) => n === cores || n === 2 * cores || n <= 4)])].sort((a, b) => a - b);
    const kinds: WorkerKind[] = ['thread', 'process', 'gil-thread'];
    if (pythonsOnPath().has('python3')) kinds.push('python-thread', 'python-process');
    const traces: Trace[] = [];
    const numbers: Record<string, number> = { cores };
    const lines: string[] = [];
    for (const kind of kinds) {
      let base = 0;
      const row: string[] = [];
      for (const n of counts) {
        const t = await runOnce(ctx, ID, { kind, workload: 'cpu', workers: n, durationS });
        traces.push(t);
        const ups = unitsPerActiveSecond(t);
        if (n === 1) base = ups;
        const speedup = base > 0 ? ups / base : 0;
        numbers[`${kind}.${n}.speedup`] = r(speedup, 2);
        numbers[`${kind}.${n}.parallelism`] = r(activeParallelism(t), 2);
        row.push(`${n}:${speedup.toFixed(2)}x`);
      }
      lines.push(`${kind} ${row.join(' ')}`);
    }
    const at = (kind: string, n: number) => numbers[`${kind}.${n}.speedup`] ?? 0;
    const top = Math.min(cores, counts.at(-1)!);
    const threadsScale = cores < 2 || at('thread', top) >= 0.7 * top;
    const gilFlat = at('gil-thread', top) <= 1.3;
    const capped = at('process', 2 * cores) <= cores * 1.25;
    const supported = threadsScale && gilFlat && capped ? true : threadsScale || gilFlat ? 'partly' : false;
    return {
      traces,
      verdict: { presetId: ID, claim: CLAIM, supported, numbers, summary: `Speedup vs 1 worker on ${cores} cores: ${lines.join('; ')}.` },
    };
  },
};
