import type { Metrics } from './schema';
import type { TaskKind } from './states';
import { formatMs } from '../units/format';

/**
 * What Corelanes itself used during a run, split by what is measured: its
 * main thread and sampler thread (their lanes' on-CPU time), and the rest of
 * its own process (threads without a lane, read from /proc/self/task). The
 * page's renderer is not counted: the engine cannot tell which browser
 * process draws the page. null: not measured.
 */
export interface OwnCost {
  mainMs: number | null;
  samplerMs: number | null;
  otherThreadsMs: number | null;
  /** The sum of what was measured. */
  totalMs: number;
  /** totalMs / the run's wall time. */
  cores: number;
}

function laneMs(m: Pick<Metrics, 'tasks'>, kind: TaskKind): number | null {
  const own = m.tasks.filter((t) => t.kind === kind);
  return own.length ? own.reduce((a, t) => a + t.onCpuMs, 0) : null;
}

/** Pure: Corelanes' own cost from a run's metrics (an older trace has no `own`: the rest of the process is not measured). */
export function ownCost(m: Pick<Metrics, 'tasks' | 'wallMs' | 'own'>): OwnCost {
  const mainMs = laneMs(m, 'main');
  const samplerMs = laneMs(m, 'sampler');
  const otherThreadsMs = m.own?.otherThreadsMs ?? null;
  const totalMs = (mainMs ?? 0) + (samplerMs ?? 0) + (otherThreadsMs ?? 0);
  return { mainMs, samplerMs, otherThreadsMs, totalMs, cores: m.wallMs > 0 ? totalMs / m.wallMs : 0 };
}

/** Cores with 2 decimals: "0.09 cores". */
export function coresText(cores: number): string {
  return `${cores.toFixed(2)} cores`;
}

/**
 * The split in words, "not measured" where it was not: "main thread 45 ms, sampler thread 30 ms, rest of
 * its process 15 ms". A thread without a lane (a traced command's run draws none of the app's) is inside
 * the rest of the process when that was read, and is then not listed on its own.
 */
export function ownCostParts(o: OwnCost): string {
  const rest = o.otherThreadsMs !== null;
  const lanes: [string, number | null][] = [
    ['main thread', o.mainMs],
    ['sampler thread', o.samplerMs],
  ];
  const parts = lanes.filter(([, v]) => v !== null || !rest).map(([label, v]) => `${label} ${v === null ? 'not measured' : formatMs(v)}`);
  const restLabel = o.mainMs === null && o.samplerMs === null ? 'its process' : 'rest of its process';
  parts.push(`${restLabel} ${o.otherThreadsMs === null ? 'not measured' : formatMs(o.otherThreadsMs)}`);
  return parts.join(', ');
}

/**
 * One line for people: "Corelanes itself used 0.09 cores: main thread 45 ms, ...". `page`: a page
 * shows the run (web mode, the app), whose renderer process is not counted, and the line says so.
 */
export function ownCostLine(o: OwnCost, page: boolean): string {
  const renderer = page ? "; the page's renderer is not counted" : '';
  if (!ownCostMeasured(o)) return `Corelanes' own cost: not measured in this run${renderer}.`;
  return `Corelanes itself used ${ownCoresText(o)}: ${ownCostParts(o)}${renderer}.`;
}

/** Whether any part was measured (an older trace of a traced command has none). */
export function ownCostMeasured(o: OwnCost): boolean {
  return o.mainMs !== null || o.samplerMs !== null || o.otherThreadsMs !== null;
}

/** "0.09 cores", "at least 0.08 cores" when the rest of the process was not read, "not measured". */
export function ownCoresText(o: OwnCost): string {
  if (!ownCostMeasured(o)) return 'not measured';
  return `${o.otherThreadsMs === null ? 'at least ' : ''}${coresText(o.cores)}`;
}
