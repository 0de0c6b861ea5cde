import type { Preset } from './preset';
import { r, scenario } from './lib';
import { pooled, spawnPerTask } from './rigs/pool-rig';

const ID = 'pools';
const CLAIM = 'Spawning a worker per task pays the spawn cost every time; a pool pays it once (more so for processes).';
const TASKS = 24;
const UNITS = 5; // ~0.2-0.5 ms of work per task: small tasks, where spawning dominates

export const pools: Preset = {
  scenario: { ...scenario(ID, 'Pools: spawn per task vs a reused pool', CLAIM, { kind: 'thread', workers: 2 }), producesTrace: false },
  async run(ctx) {
    const tasks = ctx.durationS !== undefined && ctx.durationS < 1 ? 8 : TASKS;
    const n: Record<string, number> = { tasks, parallel: 2 };
    for (const kind of ['thread', 'process'] as const) {
      if (ctx.signal?.aborted) throw new Error('the preset was stopped');
      const per = await spawnPerTask(kind, tasks, 2, UNITS, ctx.threadEntry);
      const pool = await pooled(kind, tasks, 2, UNITS, ctx.threadEntry);
      n[`${kind}.perTaskMs`] = r(per, 1);
      n[`${kind}.pooledMs`] = r(pool, 1);
      n[`${kind}.spawnOverheadPerTaskMs`] = r((per - pool) / tasks, 2);
      n[`${kind}.poolSpeedup`] = r(per / Math.max(pool, 1e-3), 2);
    }
    // The claim's core is the pool; "more so for processes" is its nuance (on a loaded machine a
    // thread's isolate start-up also waits for a CPU, so it may not hold).
    const poolsWin = n['thread.poolSpeedup']! > 1 && n['process.poolSpeedup']! > 1;
    const processCostsMore = n['process.spawnOverheadPerTaskMs']! > n['thread.spawnOverheadPerTaskMs']!;
    const supported = poolsWin ? (processCostsMore ? true : 'partly') : false;
    const summary =
      `${tasks} small tasks, 2 at a time: threads ${n['thread.perTaskMs']} ms spawning per task vs ${n['thread.pooledMs']} ms pooled; ` +
      `processes ${n['process.perTaskMs']} ms vs ${n['process.pooledMs']} ms. Spawn overhead per task: thread ${n['thread.spawnOverheadPerTaskMs']} ms, process ${n['process.spawnOverheadPerTaskMs']} ms.`;
    return { traces: [], verdict: { presetId: ID, claim: CLAIM, supported, numbers: n, summary } };
  },
};
