import type { RunParamsInput, Trace, Verdict, WorkerKind } from '../../../shared';
import type { Preset, PresetContext } from '../preset';
import { judgeParallel, judgeTurns, ownCoresOf, progressRatio } from './cpu-verdict';
import { makeVerdict, num, otherCoresNumber } from './make-verdict';
import { activeParallelism, readyParallelism } from './measures';
import { repeatMeasured } from './repeat';
import { durationOf, runOnce } from './run-once';
import { scenario } from './scenario';
import { median, spread } from './stats';

/** Each repeat is a run of this long by default (3 repeats); `--duration` sets it. */
export const CPU_REPEAT_S = 1;

/** Repeats a CPU-bound run after a baseline of as many bare busy loops as workers that fit the cores; judges "parallel". */
export async function measureParallel(ctx: PresetContext, presetId: string, claim: string, what: string, params: RunParamsInput & { workers: number }): Promise<{ traces: Trace[]; verdict: Verdict }> {
  const cores = (await ctx.engine.machine()).logicalCores;
  const rep = await repeatMeasured(ctx, () => runOnce(ctx, presetId, { ...params, durationS: durationOf(ctx, CPU_REPEAT_S) }), {
    baselineLoops: Math.max(1, Math.min(params.workers, cores)),
  });
  const par = rep.results.map(activeParallelism);
  const ready = rep.results.map(readyParallelism);
  const own = median(ownCoresOf(rep.results));
  const judged = judgeParallel({ what, workers: params.workers, parallelism: par, baselines: rep.baselines, machine: rep.machine, ownCores: own });
  const base = rep.machine.baselineCores;
  const verdict = makeVerdict({
    presetId,
    claim,
    judged,
    numbers: [
      num('parallelism', 'Cores used while they ran (median)', median(par), 'cores'),
      ...(base !== null ? [num('baselineCores', 'Bare busy loops got', base, 'cores')] : []),
      num('readyParallelism', 'Running or ready to run', median(ready), 'cores'),
      num('cores', 'Logical cores', rep.machine.cores, ''),
      ...otherCoresNumber(rep.machine),
      // The repeats' count is in verdict.repeats (and the CLI's machine line): the sixth number is Corelanes' own cost.
      num('ownCores', 'Corelanes itself used', own, 'cores'),
    ],
    charts: [
      {
        type: 'bars',
        title: 'Cores used together (each repeat)',
        unit: 'cores',
        bars: par.map((p, k) => ({ label: `repeat ${k + 1}`, value: p })),
        reference: base !== null ? { label: `${Math.min(params.workers, cores)} bare busy loops`, value: base } : null,
      },
    ],
    raw: rawOf('', rep.results, par, ready, rep.baselines),
    machine: rep.machine,
    repeats: { n: rep.results.length, medians: { parallelism: median(par), readyParallelism: median(ready), ownCores: own, ...(base !== null ? { baselineCores: base } : {}) } },
  });
  return { traces: rep.results, verdict };
}

/**
 * Repeats the GIL-bound run and its contrast (the same work with no shared
 * lock), contrast first so the preset's own run is the last one shown.
 */
export async function measureTurns(
  ctx: PresetContext,
  presetId: string,
  claim: string,
  labels: { what: string; contrastWhat: string },
  params: RunParamsInput & { workers: number; kind: WorkerKind },
  contrastKind: WorkerKind,
  extraRaw: (trace: Trace) => Record<string, number> = () => ({}),
): Promise<{ traces: Trace[]; verdict: Verdict }> {
  const durationS = durationOf(ctx, CPU_REPEAT_S);
  const rep = await repeatMeasured(ctx, async () => {
    const contrast = await runOnce(ctx, presetId, { ...params, kind: contrastKind, durationS });
    const own = await runOnce(ctx, presetId, { ...params, durationS });
    return { own, contrast };
  });
  const own = rep.results.map((x) => x.own);
  const par = own.map(activeParallelism);
  const con = rep.results.map((x) => activeParallelism(x.contrast));
  const progress = own.map(progressRatio);
  const ownCores = median(ownCoresOf(own));
  const judged = judgeTurns({ ...labels, workers: params.workers, parallelism: par, contrast: con, progress, machine: rep.machine, ownCores });
  const extras = own.map(extraRaw);
  const raw: Record<string, number> = { ...rawOf('', own, par, own.map(readyParallelism), rep.baselines), ...rawOf('contrast.', [], con, [], []) };
  extras.forEach((e, k) => Object.entries(e).forEach(([key, v]) => (raw[`${key}.${k + 1}`] = v)));
  const verdict = makeVerdict({
    presetId,
    claim,
    judged,
    numbers: [
      num('parallelism', `${labels.what}: cores used`, median(par), 'cores'),
      num('contrastParallelism', `${labels.contrastWhat}: cores used`, median(con), 'cores'),
      num('progressRatio', 'Slowest / fastest thread’s work', median(progress), ''),
      num('cores', 'Logical cores', rep.machine.cores, ''),
      ...otherCoresNumber(rep.machine),
      num('ownCores', 'Corelanes itself used', ownCores, 'cores'),
    ],
    charts: [
      {
        type: 'bars',
        title: 'Cores used together (median of repeats)',
        unit: 'cores',
        bars: [
          { label: labels.what, value: median(par) },
          { label: labels.contrastWhat, value: median(con) },
        ],
        reference: { label: 'one core: strict turns', value: 1 },
      },
    ],
    raw,
    machine: rep.machine,
    repeats: { n: rep.results.length, medians: { parallelism: median(par), contrastParallelism: median(con), progressRatio: median(progress), ownCores, spread: spread(par.map((p, k) => p / (con[k] || 1))) } },
  });
  return { traces: rep.results.flatMap((x) => [x.contrast, x.own]), verdict };
}

function rawOf(prefix: string, traces: Trace[], par: number[], ready: number[], baselines: (number | null)[]): Record<string, number> {
  const raw: Record<string, number> = {};
  par.forEach((p, k) => (raw[`${prefix}parallelism.${k + 1}`] = p));
  ready.forEach((p, k) => (raw[`${prefix}readyParallelism.${k + 1}`] = p));
  baselines.forEach((b, k) => b !== null && (raw[`${prefix}baselineCores.${k + 1}`] = b));
  traces.forEach((t, k) => (raw[`${prefix}progressRatio.${k + 1}`] = progressRatio(t)));
  ownCoresOf(traces).forEach((c, k) => (raw[`${prefix}ownCores.${k + 1}`] = c));
  return raw;
}

/** A preset of one CPU-bound kind expected to spread over cores. */
export function parallelCpuPreset(id: string, title: string, claim: string, params: RunParamsInput & { durationS: number; workers: number }, what: string): Preset {
  return {
    scenario: scenario(id, title, claim, { ...params, durationS: CPU_REPEAT_S }),
    run: (ctx) => measureParallel(ctx, id, claim, what, params),
  };
}
