import { ownCost, type MachineLoad, type Trace } from '../../../shared';
import { activeParallelism, activeWindowMs, r, readyParallelism, unitsByTask, unitsPerActiveSecond } from './measures';
import { BASELINE_ROOM, fmt, guard, median, spread, type Judged } from './stats';

/** Fairness: the slowest worker's units / the fastest's (1 = equal; 0 = one starved). */
export function progressRatio(trace: Trace): number {
  const units = [...unitsByTask(trace).values()];
  if (units.length === 0) return 0;
  const max = Math.max(...units);
  return max > 0 ? Math.min(...units) / max : 0;
}

/** Numbers every CPU-bound run reports (`corelanes run` prints the same ones). */
export function cpuNumbers(trace: Trace): Record<string, number> {
  return {
    ...(trace.run.params ? { workers: trace.run.params.workers } : {}),
    cores: trace.machine.logicalCores,
    wallMs: r(trace.metrics?.wallMs ?? trace.run.wallMs, 1),
    activeMs: r(activeWindowMs(trace), 1),
    parallelism: r(trace.metrics?.parallelism ?? 0),
    activeParallelism: r(activeParallelism(trace)),
    readyParallelism: r(readyParallelism(trace)),
    unitsPerActiveSecond: r(unitsPerActiveSecond(trace), 1),
    progressRatio: r(progressRatio(trace)),
  };
}

export interface ParallelInput {
  /** e.g. "2 CPU-bound processes" */
  what: string;
  workers: number;
  /** Cores the workers used together while they ran, per repeat. */
  parallelism: number[];
  /** Cores min(workers, cores) bare busy loops got right before each repeat. */
  baselines: (number | null)[];
  machine: MachineLoad;
  /** Cores Corelanes itself used during the runs (median; ownCoresOf), or null/absent when not measured. */
  ownCores?: number | null;
}

/** Pure: the cores Corelanes itself used in each run (its main and sampler threads and the rest of its process); NaN for a run without metrics. */
export function ownCoresOf(traces: readonly Trace[]): number[] {
  return traces.map((t) => (t.metrics ? ownCost(t.metrics).cores : NaN));
}

/** " (Corelanes itself used 0.09)" for a verdict's sentence, or nothing when not measured. */
function ownClause(ownCores: number | null | undefined): string {
  return ownCores === null || ownCores === undefined || !Number.isFinite(ownCores) ? '' : ` (Corelanes itself used ${ownCores.toFixed(2)})`;
}

/** "; Corelanes itself: 0.07" inside a parenthesis, or nothing when not measured. */
function ownAside(ownCores: number | null | undefined): string {
  return ownCores === null || ownCores === undefined || !Number.isFinite(ownCores) ? '' : `; Corelanes itself: ${ownCores.toFixed(2)}`;
}

/**
 * Whether Corelanes' own cores make up at least half of what the workers fell short of: the verdict then says so
 * (it cannot tell which cores the workers would have got, so it does not change the answer).
 */
function ownTookTheGap(ownCores: number | null | undefined, par: number, against: number): boolean {
  const gap = against - par;
  return ownCores !== null && ownCores !== undefined && gap > 0 && ownCores >= gap / 2;
}

/**
 * "Runs in parallel": the workers used about as many cores as bare busy loops
 * got in the same minute (ratio >= 0.8 supported, < 0.55, about one core of two, not supported, partly
 * between). One core, or a baseline with no room for parallelism, is
 * inconclusive: nothing could have run in parallel.
 */
export function judgeParallel(i: ParallelInput): Judged {
  const ideal = Math.min(i.workers, i.machine.cores);
  const par = median(i.parallelism);
  if (ideal < 2) return { status: 'inconclusive', explanation: `Inconclusive: this machine has ${i.machine.cores} core, so nothing can run in parallel on it.` };
  const bases = i.baselines.filter((b): b is number => b !== null);
  const base = bases.length ? median(bases) : null;
  if (base !== null && base < BASELINE_ROOM * ideal) {
    return {
      status: 'inconclusive',
      explanation: `Inconclusive: the machine was busy, ${ideal} bare busy loops got only ${fmt(base)} of ${ideal} cores (the workers: ${fmt(par)}${ownAside(i.ownCores)}), so there was no room to show parallelism.`,
    };
  }
  const against = base ?? ideal;
  const ratios = i.parallelism.map((p, k) => p / (i.baselines[k] ?? against));
  const ratio = median(ratios);
  const compared = base !== null ? `${ideal} bare busy loops got ${fmt(base)} in the same run` : `the ideal is ${ideal} (no baseline on this OS)`;
  const own = ownClause(i.ownCores);
  const gap = ownTookTheGap(i.ownCores, par, against) ? `, and Corelanes itself used at least half of the difference` : '';
  const judged: Judged =
    ratio >= 0.8
      ? { status: 'supported', explanation: `${i.what} used ${fmt(par)} cores together while they ran${own}, and ${compared}: they ran in parallel.` }
      : ratio < 0.55
        ? { status: 'not-supported', explanation: `${i.what} used only ${fmt(par)} cores together${own}, while ${compared}: they did not run in parallel${gap}.` }
        : { status: 'partly', explanation: `${i.what} used ${fmt(par)} cores together${own}, while ${compared}: partly parallel${gap}.` };
  return guard(judged, i.machine, { label: 'cores used / baseline', values: ratios });
}

export interface TurnsInput {
  /** e.g. "2 simulated-GIL threads" */
  what: string;
  /** e.g. "2 plain JS threads" */
  contrastWhat: string;
  workers: number;
  parallelism: number[];
  /** The contrast's parallelism in the same repeats (the same work without a shared lock). */
  contrast: number[];
  /** Slowest/fastest progress per repeat (a starved thread is not "taking turns"). */
  progress: number[];
  machine: MachineLoad;
  /** Cores Corelanes itself used during the GIL-bound runs (median), or null/absent when not measured. */
  ownCores?: number | null;
}

/**
 * "Takes turns": the GIL-bound threads used at most 0.65 x the cores their
 * contrast (no shared lock) used in the same repeats, and both made progress.
 * >= 0.85 x is "ran in parallel" (not supported). A contrast that itself got
 * no parallelism (one core, busy machine) cannot tell turns from sharing a
 * core: inconclusive.
 */
export function judgeTurns(i: TurnsInput): Judged {
  const ideal = Math.min(i.workers, i.machine.cores);
  const par = median(i.parallelism);
  const con = median(i.contrast);
  if (ideal < 2) return { status: 'inconclusive', explanation: `Inconclusive: this machine has ${i.machine.cores} core, so taking turns cannot be told from sharing that one core.` };
  if (!(con >= BASELINE_ROOM * ideal)) {
    return {
      status: 'inconclusive',
      explanation: `Inconclusive: the machine was busy, ${i.contrastWhat} got only ${fmt(con)} of ${ideal} cores (the GIL-bound threads: ${fmt(par)}${ownAside(i.ownCores)}), so taking turns cannot be told from waiting for a CPU.`,
    };
  }
  const ratios = i.parallelism.map((p, k) => p / (i.contrast[k] ?? con));
  const ratio = median(ratios);
  const progress = median(i.progress);
  const numbers = `${i.what} used ${fmt(par)} cores together${ownClause(i.ownCores)}, ${i.contrastWhat} ${fmt(con)} in the same run`;
  const judged: Judged =
    ratio >= 0.85
      ? { status: 'not-supported', explanation: `${numbers}: they ran in parallel, not in turns.` }
      : ratio > 0.65
        ? { status: 'partly', explanation: `${numbers}: they overlapped more than strict turns allow.` }
        : progress <= 0.2
          ? { status: 'partly', explanation: `${numbers}, but one thread did only ${Math.round(progress * 100)}% of the other's work: one held the lock, not turns.` }
          : { status: 'supported', explanation: `${numbers}: they took turns, about one core's worth between them.` };
  return guard(judged, i.machine, { label: 'cores used / contrast', values: ratios });
}

/** Spread of a list, rounded, for the raw numbers. */
export function spreadOf(values: number[]): number {
  return r(spread(values));
}
