import type { MachineLoad, Trace, WorkerKind } from '../../shared';
import type { Preset } from './preset';
import { activeParallelism, durationOf, runOnce, scenario, unitsPerActiveSecond } from './lib';
import { makeVerdict, num } from './lib/make-verdict';
import { repeatMeasured } from './lib/repeat';
import { BASELINE_ROOM, fmt, guard, type Judged } from './lib/stats';
import { pythonsOnPath } from '../python/discover';

const ID = 'speedup-sweep';
const CLAIM = 'Adding workers speeds up CPU-bound work only up to the number of cores, and not at all under a GIL.';

/** Speedup (units/s against the kind's 1-worker run) by kind and worker count. */
export type Speedups = Record<string, Record<number, number>>;

/**
 * Threads and processes at `cores` workers reach >= 0.7 x what `cores` bare
 * busy loops got; processes at 2 x cores gain no more than 25% over `cores`;
 * simulated-GIL threads at `cores` stay at <= 0.65 x plain threads. All three:
 * supported; scaling without the other two: partly; no scaling: not supported.
 * One core or a baseline with no room for parallelism: inconclusive.
 */
export function judgeSweep(s: Speedups, cores: number, machine: MachineLoad): Judged {
  if (cores < 2) return { status: 'inconclusive', explanation: 'Inconclusive: this machine has one core, so no number of workers can speed anything up.' };
  const base = machine.baselineCores ?? cores;
  if (base < BASELINE_ROOM * cores) {
    return { status: 'inconclusive', explanation: `Inconclusive: the machine was busy, ${cores} bare busy loops got only ${fmt(base)} of ${cores} cores, so there was no room to speed up.` };
  }
  const at = (k: string, n: number) => s[k]?.[n] ?? NaN;
  const threads = at('thread', cores);
  const procs = at('process', cores);
  const scale = threads >= 0.7 * base && procs >= 0.7 * base;
  const capped = at('process', 2 * cores) <= 1.25 * procs;
  const gilFlat = at('gil-thread', cores) <= 0.65 * threads;
  const said =
    `at ${cores} workers threads reached ${fmt(threads)}x and processes ${fmt(procs)}x (bare busy loops ${fmt(base)} cores), ` +
    `processes at ${2 * cores} workers ${fmt(at('process', 2 * cores))}x, simulated-GIL threads ${fmt(at('gil-thread', cores))}x`;
  const judged: Judged =
    scale && capped && gilFlat
      ? { status: 'supported', explanation: `Speedup stopped at the cores and the GIL kept it flat: ${said}.` }
      : scale
        ? { status: 'partly', explanation: `Workers scaled, but ${!capped ? 'more processes than cores still sped up' : 'the GIL did not keep threads flat'}: ${said}.` }
        : { status: 'not-supported', explanation: `Workers did not scale with the cores: ${said}.` };
  return guard(judged, machine, { label: '', values: [] });
}

/** Speedup of each kind at 1..2x cores workers (the data of the speedup plot). */
export const speedupSweep: Preset = {
  scenario: scenario(ID, 'Speedup sweep: 1..2x cores workers of each kind', CLAIM, { workload: 'cpu', durationS: 1 }),
  async run(ctx) {
    const durationS = durationOf(ctx, 1.5);
    const cores = (await ctx.engine.machine()).logicalCores;
    const counts = [...new Set([1, ...Array.from({ length: 2 * cores }, (_, i) => i + 1).filter((n) => n === cores || n === 2 * cores || n <= 4)])].sort((a, b) => a - b);
    const kinds: WorkerKind[] = ['thread', 'process', 'gil-thread'];
    if (pythonsOnPath().has('python3')) kinds.push('python-thread', 'python-process');
    const traces: Trace[] = [];
    const speedups: Speedups = {};
    const raw: Record<string, number> = { cores };
    const rep = await repeatMeasured(
      ctx,
      async () => {
        for (const kind of kinds) {
          let base = 0;
          speedups[kind] = {};
          for (const n of counts) {
            const t = await runOnce(ctx, ID, { kind, workload: 'cpu', workers: n, durationS });
            traces.push(t);
            const ups = unitsPerActiveSecond(t);
            if (n === 1) base = ups;
            speedups[kind][n] = base > 0 ? ups / base : 0;
            raw[`${kind}.${n}.speedup`] = speedups[kind][n];
            raw[`${kind}.${n}.parallelism`] = activeParallelism(t);
          }
        }
      },
      { n: 1, baselineLoops: cores },
    );
    const at = (k: string, n: number) => speedups[k]?.[n] ?? NaN;
    const verdict = makeVerdict({
      presetId: ID,
      claim: CLAIM,
      judged: judgeSweep(speedups, cores, rep.machine),
      numbers: [
        num('thread.speedup', `Threads at ${cores} workers`, at('thread', cores), 'x'),
        num('process.speedup', `Processes at ${cores} workers`, at('process', cores), 'x'),
        num('process.2x.speedup', `Processes at ${2 * cores} workers`, at('process', 2 * cores), 'x'),
        num('gil-thread.speedup', `Simulated-GIL threads at ${cores} workers`, at('gil-thread', cores), 'x'),
        ...(rep.machine.baselineCores !== null ? [num('baselineCores', `${cores} bare busy loops got`, rep.machine.baselineCores, 'cores')] : []),
        num('cores', 'Logical cores', cores, ''),
      ],
      charts: [
        {
          type: 'lines',
          title: 'Speedup against 1 worker',
          x: { label: 'workers', unit: '', log: false },
          y: { label: 'speedup', unit: 'x', log: false },
          series: kinds.map((k) => ({ name: k, points: counts.map((n) => ({ x: n, y: at(k, n) })).filter((p) => Number.isFinite(p.y)) })),
        },
      ],
      raw,
      machine: rep.machine,
      repeats: { n: 1, medians: {} },
    });
    return { traces, verdict };
  },
};
