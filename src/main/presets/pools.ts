import type { MachineLoad } from '../../shared';
import type { Preset } from './preset';
import { scenario } from './lib';
import { makeVerdict, num } from './lib/make-verdict';
import { repeatMeasured } from './lib/repeat';
import { fmt, guard, type Judged } from './lib/stats';
import { pooled, spawnPerTask } from './rigs/pool-rig';

const ID = 'pools';
const CLAIM = 'Spawning a worker per task pays the spawn cost every time; a pool pays it once (more so for processes).';
const TASKS = 24;
const UNITS = 5; // ~0.2-0.5 ms of work per task: small tasks, where spawning dominates

export interface PoolTimes {
  tasks: number;
  thread: { perTaskMs: number; pooledMs: number };
  process: { perTaskMs: number; pooledMs: number };
}

const overhead = (k: { perTaskMs: number; pooledMs: number }, tasks: number) => (k.perTaskMs - k.pooledMs) / tasks;

/** The claim's core is the pool (both kinds faster pooled); "more so for processes" is its nuance (partly when it does not hold). */
export function judgePools(t: PoolTimes, machine: MachineLoad): Judged {
  const win = (k: { perTaskMs: number; pooledMs: number }) => k.perTaskMs > k.pooledMs;
  const said = `${t.tasks} small tasks took ${fmt(t.thread.perTaskMs)} ms on a new thread each vs ${fmt(t.thread.pooledMs)} ms pooled, and ${fmt(t.process.perTaskMs)} vs ${fmt(t.process.pooledMs)} ms with processes`;
  const processMore = overhead(t.process, t.tasks) > overhead(t.thread, t.tasks);
  const judged: Judged =
    win(t.thread) && win(t.process)
      ? processMore
        ? { status: 'supported', explanation: `Pools won: ${said}.` }
        : { status: 'partly', explanation: `Pools won, but a thread spawn cost no less than a process spawn here: ${said}.` }
      : { status: 'not-supported', explanation: `Pools did not win: ${said}.` };
  return guard(judged, machine, { label: '', values: [] });
}

export const pools: Preset = {
  scenario: { ...scenario(ID, 'Pools: spawn per task vs a reused pool', CLAIM, { kind: 'thread', workers: 2 }), producesTrace: false },
  async run(ctx) {
    const tasks = ctx.durationS !== undefined && ctx.durationS < 1 ? 8 : TASKS;
    const rep = await repeatMeasured(
      ctx,
      async () => {
        const of = async (kind: 'thread' | 'process') => {
          if (ctx.signal?.aborted) throw new Error('the preset was stopped');
          return { perTaskMs: await spawnPerTask(kind, tasks, 2, UNITS, ctx), pooledMs: await pooled(kind, tasks, 2, UNITS, ctx) };
        };
        return { tasks, thread: await of('thread'), process: await of('process') };
      },
      { n: 1 },
    );
    const t = rep.results[0]!;
    const raw: Record<string, number> = { tasks, parallel: 2 };
    for (const kind of ['thread', 'process'] as const) {
      raw[`${kind}.perTaskMs`] = t[kind].perTaskMs;
      raw[`${kind}.pooledMs`] = t[kind].pooledMs;
      raw[`${kind}.spawnOverheadPerTaskMs`] = overhead(t[kind], tasks);
    }
    const verdict = makeVerdict({
      presetId: ID,
      claim: CLAIM,
      judged: judgePools(t, rep.machine),
      numbers: [
        num('thread.perTaskMs', 'Threads, a new one per task', t.thread.perTaskMs, 'ms'),
        num('thread.pooledMs', 'Threads, pooled', t.thread.pooledMs, 'ms'),
        num('process.perTaskMs', 'Processes, a new one per task', t.process.perTaskMs, 'ms'),
        num('process.pooledMs', 'Processes, pooled', t.process.pooledMs, 'ms'),
        num('thread.spawnOverheadPerTaskMs', 'Spawn cost per task, thread', overhead(t.thread, tasks), 'ms'),
        num('process.spawnOverheadPerTaskMs', 'Spawn cost per task, process', overhead(t.process, tasks), 'ms'),
      ],
      charts: [
        {
          type: 'bars',
          title: `${tasks} small tasks, 2 at a time: total time`,
          unit: 'ms',
          bars: [
            { label: 'threads, new per task', value: t.thread.perTaskMs },
            { label: 'threads, pooled', value: t.thread.pooledMs },
            { label: 'processes, new per task', value: t.process.perTaskMs },
            { label: 'processes, pooled', value: t.process.pooledMs },
          ],
          reference: null,
        },
      ],
      raw,
      machine: rep.machine,
      repeats: { n: 1, medians: {} },
    });
    return { traces: [], verdict };
  },
};
