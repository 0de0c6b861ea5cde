import { afterAll, describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../../src/shared';
import { realEngine } from '../../support/engine';

const engine = realEngine();
afterAll(() => engine.dispose());

describe('a subscriber attached right after startRun', () => {
  it('gets task events for the main and sampler threads (pid, tid) before any of their segments', async () => {
    const session = await engine.startRun({ kind: 'thread', workers: 1, workload: 'cpu', durationS: 0.6 });
    const events: BridgeEvent[] = [];
    session.subscribe((e) => events.push(e));
    await session.done;
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
