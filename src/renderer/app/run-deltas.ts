import { formatMs, type Trace } from '../../shared';

/** One row of a two-run comparison: each run's value in words, and B against A. */
export interface DeltaRow {
  label: string;
  a: string;
  b: string;
  /** "2.1x", "+0.84", "-35%"; null when either value is missing. */
  delta: string | null;
}

const ratio = (a: number, b: number) => (a > 0 ? `${(b / a).toFixed(2)}x` : null);

/**
 * The numbers people compare between two runs (gil-thread vs thread, threads
 * vs processes): wall and CPU time, parallelism (cores used), throughput and
 * the slowest spawn, each with B against A.
 */
export function runDeltas(a: Trace, b: Trace): DeltaRow[] {
  const ma = a.metrics;
  const mb = b.metrics;
  const spawn = (t: Trace) => {
    const ms = t.tasks.filter((x) => x.startedMs !== null && /^w\d+$/.test(x.id)).map((x) => x.startedMs! - x.requestedMs);
    return ms.length > 0 ? Math.max(...ms) : null;
  };
  const rows: DeltaRow[] = [];
  const add = (label: string, va: number | null | undefined, vb: number | null | undefined, fmt: (v: number) => string, delta: (x: number, y: number) => string | null) =>
    rows.push({ label, a: va == null ? '–' : fmt(va), b: vb == null ? '–' : fmt(vb), delta: va == null || vb == null ? null : delta(va, vb) });
  add('parallelism (cores used)', ma?.parallelism, mb?.parallelism, (v) => v.toFixed(2), (x, y) => `${y - x >= 0 ? '+' : ''}${(y - x).toFixed(2)}`);
  add('wall time', ma?.wallMs ?? a.run.wallMs, mb?.wallMs ?? b.run.wallMs, formatMs, ratio);
  add('CPU time', ma?.cpuMs, mb?.cpuMs, formatMs, ratio);
  add('work done per second', ma?.unitsPerSecond, mb?.unitsPerSecond, (v) => `${v.toFixed(0)} units/s`, ratio);
  add('slowest worker start', spawn(a), spawn(b), formatMs, ratio);
  return rows;
}
