import { afterAll, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../../src/shared';
import { realEngine } from '../../support/engine';

const engine = realEngine();
afterAll(() => engine.dispose());

describe('an observer of the engine (how a run is seen from its start)', () => {
  it('gets run-started, then task events for the main and sampler threads (pid, tid) before any of their segments, then one run-ended', async () => {
    const events: BridgeEvent[] = [];
    const stopObserving = engine.observe({ onEvent: (e) => events.push(e) });
    const session = await engine.startRun({ kind: 'thread', workers: 1, workload: 'cpu', durationS: 0.6 });
    await session.done;
    stopObserving();
    expect(events[0]).toMatchObject({ type: 'run-started', run: { runId: session.runId } });
    expect(events.filter((e) => e.type === 'run-started' || e.type === 'run-ended').map((e) => e.type)).toEqual(['run-started', 'run-ended']);
    expect(events.at(-1)).toMatchObject({ type: 'run-ended', runId: session.runId, reason: 'finished' });
    for (const id of ['main', 'sampler']) {
      const announced = events.findIndex((e) => e.type === 'task' && e.task.id === id);
      const firstSegment = events.findIndex((e) => e.type === 'segments' && e.segments.some((s) => s.taskId === id));
      expect(announced, `task ${id} announced`).toBeGreaterThanOrEqual(0);
      expect(firstSegment, `segments of ${id} streamed`).toBeGreaterThan(announced);
      const task = (events[announced] as Extract<BridgeEvent, { type: 'task' }>).task;
      expect(task.pid).toBe(process.pid);
      expect(task.tid).toEqual(expect.any(Number));
    }
  });
});

describe('live metrics during a run', () => {
  it("carry the sampler's stats so far (rate, CPU %), not null until the end", async () => {
    const session = await engine.startRun({ kind: 'thread', workers: 1, workload: 'cpu', durationS: 2.5 });
    const live: BridgeEvent[] = [];
    let ended = false;
    session.subscribe((e) => {
      if (e.type === 'run-ended') ended = true;
      if (e.type === 'metrics' && !ended) live.push(e);
    });
    const trace = await session.done;
    const withSampler = live.flatMap((e) => (e.type === 'metrics' && e.metrics.sampler ? [e.metrics.sampler] : []));
    // The last metrics event is the final one (sent with the stop); the earlier ones are live.
    expect(withSampler.length).toBeGreaterThan(1);
    const first = withSampler[0]!;
    expect(first.rateHz).toBeGreaterThan(0);
    expect(first.cpuPercent).toBeGreaterThan(0);
    // Same order of magnitude as the final rate (a busy machine may slow it).
    expect(first.rateHz / trace.metrics!.sampler!.rateHz).toBeGreaterThan(0.3);
    expect(first.rateHz / trace.metrics!.sampler!.rateHz).toBeLessThan(3);
  });
});
