import { afterAll, describe, expect, it } from 'vitest';
import { realEngine, workerMetrics } from '../../support/engine';

// What each workload does, seen from outside: /proc's RSS and scheduler states.
const engine = realEngine();
afterAll(() => engine.dispose());

describe('workloads seen from /proc', () => {
  it('memory: each process really holds the MB it allocated (RSS), and reports its heap', async () => {
    const session = await engine.startRun({ kind: 'process', workers: 2, workload: 'memory', memoryMb: 128, durationS: 1.5 });
    const trace = await session.done;
    for (const w of workerMetrics(trace)) {
      expect(w.exitReason).toBe('finished');
      expect(w.unitsDone).toBe(128);
      const rss = Math.max(...trace.memory.filter((m) => m.addressSpace === w.pid).map((m) => m.rssBytes));
      expect(rss).toBeGreaterThan(128 * 1024 * 1024);
    }
    expect(trace.memory.some((m) => m.taskId && m.heapBytes)).toBe(true);
  });

  it('io: workers mostly wait (timers and file reads), so they use a small share of a core', async () => {
    const session = await engine.startRun({ kind: 'thread', workers: 2, workload: 'io', durationS: 1.5 });
    const trace = await session.done;
    expect(trace.metrics?.parallelism).toBeLessThan(0.5);
    for (const w of workerMetrics(trace)) {
      expect(w.unitsDone).toBeGreaterThan(10);
      const segs = trace.segments.filter((s) => s.taskId === w.taskId);
      const waitingMs = segs.filter((s) => s.state !== 'running' && s.state !== 'runnable').reduce((n, s) => n + s.endMs - s.startMs, 0);
      const runningMs = segs.filter((s) => s.state === 'running').reduce((n, s) => n + s.endMs - s.startMs, 0);
      expect(waitingMs).toBeGreaterThan(runningMs);
    }
  });

  it('mixed: workers alternate computing and waiting, between io and cpu in CPU use', async () => {
    const session = await engine.startRun({ kind: 'process', workers: 1, workload: 'mixed', durationS: 1.5 });
    const trace = await session.done;
    const [w] = workerMetrics(trace);
    const segs = trace.segments.filter((s) => s.taskId === w?.taskId);
    expect(segs.some((s) => s.state === 'running')).toBe(true);
    expect(segs.some((s) => s.state !== 'running' && s.state !== 'runnable')).toBe(true);
    // Ready share (on a CPU or waiting for one): a busy machine moves time from running to the run queue, not to sleep.
    const ready = ((w?.onCpuMs ?? 0) + (w?.waitMs ?? 0)) / (trace.metrics?.wallMs ?? 1);
    expect(ready).toBeGreaterThan(0.2);
    expect(ready).toBeLessThan(0.95);
  });
});
