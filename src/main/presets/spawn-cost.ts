import type { Trace, WorkerKind } from '../../shared';
import type { Preset } from './preset';
import { median, peakRssByAddressSpace, r, runOnce, scenario, spawnMs } from './lib';
import { pythonsOnPath } from '../python/discover';

const ID = 'spawn-cost';
const CLAIM = 'A process costs more to start and more memory than a thread.';
const WORKERS = 4;

export const spawnCost: Preset = {
  scenario: scenario(ID, 'Spawn cost: threads vs processes', CLAIM, { workload: 'io', workers: WORKERS, durationS: 1 }),
  async run(ctx) {
    const kinds: WorkerKind[] = ['thread', 'process'];
    if (pythonsOnPath().has('python3')) kinds.push('python-process');
    const traces: Trace[] = [];
    const n: Record<string, number> = { workers: WORKERS };
    for (const kind of kinds) {
      // Light work (io) so the spawns do not compete with busy workers for the cores.
      const t = await runOnce(ctx, ID, { kind, workload: 'io', workers: WORKERS, durationS: 1 });
      traces.push(t);
      n[`${kind}.spawnMs`] = r(median(spawnMs(t)), 2);
      if (kind !== 'thread') n[`${kind}.rssMbEach`] = r(median([...peakRssByAddressSpace(t).values()]) / 2 ** 20, 1);
    }
    const supported = n['process.spawnMs']! > n['thread.spawnMs']!;
    const summary =
      `Median spawn (request to first instruction): thread ${n['thread.spawnMs']} ms, process ${n['process.spawnMs']} ms` +
      (n['python-process.spawnMs'] !== undefined ? `, Python multiprocessing process ${n['python-process.spawnMs']} ms` : '') +
      `; each Node process holds ~${n['process.rssMbEach']} MB RSS of its own, a thread shares its host's.`;
    return { traces, verdict: { presetId: ID, claim: CLAIM, supported, numbers: n, summary } };
  },
};
