import { afterAll, describe, expect, it } from 'vitest';
import { activeParallelism, countMarkers, readyParallelism, stateMs, unitsByTask } from '../../../src/main/presets/lib';
import { busyLoopCores } from '../../support/baseline';
import { realEngine } from '../../support/engine';

// The gil-thread kind through the real engine and sampler, against plain threads doing the same work.
const engine = realEngine();
afterAll(() => engine.dispose());

describe('gil-thread kind in the engine', () => {
  it('2 CPU-bound gil-threads: parallelism <= 1.15, both progress, hand-overs and GIL waits recorded', async () => {
    const session = await engine.startRun({ kind: 'gil-thread', workload: 'cpu', workers: 2, durationS: 2 });
    const trace = await session.done;
    expect(activeParallelism(trace)).toBeLessThanOrEqual(1.15);
    const units = [...unitsByTask(trace).values()];
    expect(units).toHaveLength(2);
    expect(Math.min(...units)).toBeGreaterThan(0.2 * Math.max(...units));
    expect(countMarkers(trace, 'gil-handover')).toBeGreaterThan(20);
    const handover = trace.markers.find((m) => m.kind === 'gil-handover')!;
    expect(['w0', 'w1']).toContain(handover.peerTaskId);
    expect(stateMs(trace, 'gil-wait')).toBeGreaterThan(0);
  });

  it('2 plain JS threads, same work: >= 0.7 x the cores two bare busy loops get', async () => {
    const baseline = await busyLoopCores(2);
    const session = await engine.startRun({ kind: 'thread', workload: 'cpu', workers: 2, durationS: 2 });
    const trace = await session.done;
    // Running or ready to run (run queue): other programs on a shared machine may keep a ready thread off a core.
    expect(readyParallelism(trace)).toBeGreaterThanOrEqual(0.7 * baseline);
  });

  it('the switch interval is validated (0.1-100 ms)', async () => {
    await expect(engine.startRun({ kind: 'gil-thread', switchIntervalMs: 0.01 })).rejects.toThrow(/switchIntervalMs/);
  });
});
