import type { MachineLoad, Trace, WorkerKind } from '../../shared';
import type { Preset } from './preset';
import { median as medianOr0, peakRssByAddressSpace, runOnce, scenario, spawnMs } from './lib';
import { makeVerdict, num } from './lib/make-verdict';
import { repeatMeasured } from './lib/repeat';
import { fmt, guard, median, type Judged } from './lib/stats';
import { pythonsOnPath } from '../python/discover';

const ID = 'spawn-cost';
const CLAIM = 'A process costs more to start and more memory than a thread.';
const WORKERS = 4;

/** Supported: the median process spawn is slower than the median thread spawn (each worker's own, request to first instruction). */
export function judgeSpawn(threadMs: number[], processMs: number[], processRssBytes: number, machine: MachineLoad): Judged {
  const t = median(threadMs);
  const p = median(processMs);
  const said = `a thread started in ${fmt(t)} ms, a process in ${fmt(p)} ms (median of ${threadMs.length} each)${processRssBytes > 0 ? ` and held ${fmt(processRssBytes / 2 ** 20)} MB of memory of its own` : ''}`;
  const judged: Judged = p > t ? { status: 'supported', explanation: `Processes cost more: ${said}.` } : { status: 'not-supported', explanation: `A process was not slower to start: ${said}.` };
  return guard(judged, machine, { label: 'process / thread spawn', values: processMs.map((x, k) => x / (threadMs[k] ?? NaN)), threshold: 1 });
}

export const spawnCost: Preset = {
  scenario: scenario(ID, 'Spawn cost: threads vs processes', CLAIM, { workload: 'io', workers: WORKERS, durationS: 1 }),
  async run(ctx) {
    const kinds: WorkerKind[] = ['thread', 'process'];
    if (pythonsOnPath().has('python3')) kinds.push('python-process');
    const rep = await repeatMeasured(
      ctx,
      async () => {
        const traces: Trace[] = [];
        // Light work (io) so the spawns do not compete with busy workers for the cores.
        for (const kind of kinds) traces.push(await runOnce(ctx, ID, { kind, workload: 'io', workers: WORKERS, durationS: 1 }));
        return traces;
      },
      { n: 1 },
    );
    const traces = rep.results[0]!;
    const spawns = new Map(kinds.map((k, i) => [k, spawnMs(traces[i]!)]));
    const rss = new Map(kinds.map((k, i) => [k, medianOr0([...peakRssByAddressSpace(traces[i]!).values()])]));
    const raw: Record<string, number> = { workers: WORKERS };
    for (const k of kinds) {
      raw[`${k}.spawnMs`] = median(spawns.get(k)!);
      if (k !== 'thread') raw[`${k}.rssMbEach`] = rss.get(k)! / 2 ** 20;
      spawns.get(k)!.forEach((ms, i) => (raw[`${k}.spawnMs.${i + 1}`] = ms));
    }
    const label: Record<string, string> = { thread: 'thread', process: 'Node process', 'python-process': 'Python process' };
    const verdict = makeVerdict({
      presetId: ID,
      claim: CLAIM,
      judged: judgeSpawn(spawns.get('thread')!, spawns.get('process')!, rss.get('process')!, rep.machine),
      numbers: [
        ...kinds.map((k) => num(`${k}.spawnMs`, `${label[k]} spawn (median)`, median(spawns.get(k)!), 'ms')),
        ...kinds.filter((k) => k !== 'thread').map((k) => num(`${k}.rssBytes`, `${label[k]} memory (RSS)`, rss.get(k)!, 'bytes')),
      ],
      charts: [
        { type: 'bars', title: 'Spawn: request to first instruction (median)', unit: 'ms', bars: kinds.map((k) => ({ label: label[k]!, value: median(spawns.get(k)!) })), reference: null },
        { type: 'bars', title: 'Memory of its own (RSS; a thread shares its process’s)', unit: 'bytes', bars: kinds.filter((k) => k !== 'thread').map((k) => ({ label: label[k]!, value: rss.get(k)! })), reference: null },
      ],
      raw,
      machine: rep.machine,
      repeats: { n: WORKERS, medians: Object.fromEntries(kinds.map((k) => [`${k}.spawnMs`, median(spawns.get(k)!)])) },
    });
    return { traces, verdict };
  },
};
