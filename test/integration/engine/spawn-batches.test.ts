import { afterAll, describe, expect, it } from 'vitest';
import type { Task } from '../../../src/shared';
import { realEngine } from '../../support/engine';

// 6 real process workers with at most 2 starting at once (a test-only bound):
// the workers' own stamps (the engine's request, the worker's first
// instruction) show no more than 2 starting at any moment, every worker runs
// its workload, and the duration starts after the last one is up.
const BOUND = 2;
const engine = realEngine({ spawnBatch: BOUND });
afterAll(() => engine.dispose());

/** The most workers starting at one moment: spans from request to first instruction that overlap. */
function mostStartingAtOnce(workers: readonly Task[]): number {
  const edges = workers.flatMap((t) => [
    { t: t.requestedMs, d: 1 },
    { t: t.startedMs!, d: -1 },
  ]);
  // An end before a start at the same time: the next is requested only after one is up.
  edges.sort((a, b) => a.t - b.t || a.d - b.d);
  let now = 0;
  let most = 0;
  for (const e of edges) most = Math.max(most, (now += e.d));
  return most;
}

describe('spawning in bounded batches', () => {
  it('starts at most the bound of 6 process workers at once, and every one runs', async () => {
    const session = await engine.startRun({ kind: 'process', workload: 'cpu', workers: 6, durationS: 0.5 });
    const trace = await session.done;
    const workers = trace.tasks.filter((t) => /^w\d+$/.test(t.id));
    expect(workers).toHaveLength(6);
    expect(workers.every((t) => t.startedMs !== null && t.exitReason === 'finished')).toBe(true);
    expect(mostStartingAtOnce(workers)).toBe(BOUND);
    // Every worker did work.
    const units = (trace.metrics?.tasks ?? []).filter((t) => /^w\d+$/.test(t.taskId)).map((t) => t.unitsDone ?? 0);
    expect(Math.min(...units)).toBeGreaterThan(0);
    // The phase covers every spawn, and the workload's duration comes after it.
    const phase = trace.run.spawnPhase!;
    expect(phase).toMatchObject({ workers: 6, batch: BOUND });
    expect(phase.startMs).toBeLessThanOrEqual(Math.min(...workers.map((t) => t.requestedMs)));
    expect(phase.endMs).toBeGreaterThanOrEqual(Math.max(...workers.map((t) => t.startedMs!)));
    expect(trace.run.wallMs - phase.endMs).toBeGreaterThanOrEqual(500);
  });
});
