import type { MachineLoad } from '../../shared';
import type { Preset } from './preset';
import { activeParallelism, activeWindowMs, durationOf, onCpuByTask, runOnce, runQueueMs, scenario } from './lib';
import { makeVerdict, num, otherCoresNumber } from './lib/make-verdict';
import { repeatMeasured } from './lib/repeat';
import { fmt, guard, median, type Judged } from './lib/stats';

const ID = 'oversubscribe';
const CLAIM = 'More CPU-bound processes than cores time-share the cores: each gets a share, and time waiting for a CPU grows.';
const WORKERS = 8;

export interface OversubscribeMeasured {
  workers: number;
  /** Each process's share of one core while they ran. */
  shares: number[];
  /** Share of the processes' time spent runnable in a run queue. */
  runQueueShare: number;
  parallelism: number;
  machine: MachineLoad;
}

/**
 * Supported: no process had a core to itself (each share below 0.9) and the
 * processes waited in a run queue at least half as much as a fair split
 * implies (1 - cores/workers). As many cores as processes cannot show it.
 */
export function judgeOversubscribe(m: OversubscribeMeasured): Judged {
  const cores = m.machine.cores;
  if (m.workers <= cores) return { status: 'inconclusive', explanation: `Inconclusive: this machine has ${cores} cores for ${m.workers} processes, so nothing had to wait.` };
  const fair = cores / m.workers;
  const expectedWait = 1 - fair;
  const most = Math.max(...m.shares);
  const shared = most < 0.9;
  const waited = m.runQueueShare >= 0.5 * expectedWait;
  const said = `${m.workers} processes on ${cores} cores got ${fmt(Math.min(...m.shares))}-${fmt(most)} of a core each (fair ${fmt(fair)}) and waited for a CPU ${Math.round(m.runQueueShare * 100)}% of the time`;
  const judged: Judged =
    shared && waited
      ? { status: 'supported', explanation: `They time-shared: ${said}.` }
      : shared || waited
        ? { status: 'partly', explanation: `Only partly time-shared: ${said}.` }
        : { status: 'not-supported', explanation: `They did not time-share: ${said}.` };
  return guard(judged, m.machine, { label: '', values: [] });
}

export const oversubscribe: Preset = {
  scenario: scenario(ID, `Oversubscription: ${WORKERS} CPU-bound processes`, CLAIM, { kind: 'process', workload: 'cpu', workers: WORKERS, durationS: 3 }),
  async run(ctx) {
    const rep = await repeatMeasured(ctx, () => runOnce(ctx, ID, { kind: 'process', workload: 'cpu', workers: WORKERS, durationS: durationOf(ctx, 3) }), { n: 1 });
    const trace = rep.results[0]!;
    const window = activeWindowMs(trace);
    const shares = [...onCpuByTask(trace).values()].map((c) => (window > 0 ? c / window : 0));
    const m: OversubscribeMeasured = { workers: WORKERS, shares, runQueueShare: window > 0 ? runQueueMs(trace) / (WORKERS * window) : 0, parallelism: activeParallelism(trace), machine: rep.machine };
    const fair = Math.min(1, m.machine.cores / WORKERS);
    const raw: Record<string, number> = { workers: WORKERS, cores: m.machine.cores, activeParallelism: m.parallelism, runQueueShare: m.runQueueShare, expectedShare: fair };
    shares.forEach((s, k) => (raw[`cpuShare.${k + 1}`] = s));
    const verdict = makeVerdict({
      presetId: ID,
      claim: CLAIM,
      judged: judgeOversubscribe(m),
      numbers: [
        num('activeParallelism', 'Cores used together', m.parallelism, 'cores'),
        num('cpuShareMedian', 'Each process’s share of a core (median)', median(shares), ''),
        num('expectedShare', 'Fair share (cores / processes)', fair, ''),
        num('runQueueShare', 'Time waiting for a CPU', m.runQueueShare * 100, '%'),
        num('cores', 'Logical cores', m.machine.cores, ''),
        ...otherCoresNumber(m.machine),
      ],
      charts: [{ type: 'bars', title: 'Each process’s share of a core', unit: '', bars: shares.map((s, k) => ({ label: `process ${k + 1}`, value: s })), reference: { label: 'fair share', value: fair } }],
      raw,
      machine: m.machine,
      repeats: { n: 1, medians: { cpuShare: median(shares) } },
    });
    return { traces: [trace], verdict };
  },
};
