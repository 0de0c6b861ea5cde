import { afterAll, describe, expect, it } from 'vitest';
import { activeWindowMs, onCpuByTask, readyParallelism, workerTasks } from '../../../src/main/presets/lib';
import { findPython } from '../../../src/main/python';
import { busyLoopCores } from '../../support/baseline';
import { isAlive } from '../../support/proc';
import { realEngine } from '../../support/engine';

const engine = realEngine();
afterAll(() => engine.dispose());

describe('real CPython kinds (python3 on the PATH)', () => {
  it('python3 is found with its version and GIL status', async () => {
    const p = await findPython('python3');
    expect(p.available).toBe(true);
    expect(p.version).toMatch(/^3\.\d+/);
    expect(typeof p.gilEnabled).toBe('boolean');
  });

  it('2 CPU-bound python threads: on-CPU sum <= 1.15 x the time they ran; each is a task with its own tid', async () => {
    const trace = await (await engine.startRun({ kind: 'python-thread', workload: 'cpu', workers: 2, durationS: 2 })).done;
    const workers = workerTasks(trace);
    expect(workers.map((t) => t.kind)).toEqual(['python-thread', 'python-thread']);
    expect(new Set(workers.map((t) => t.pid)).size).toBe(1);
    expect(new Set(workers.map((t) => t.tid)).size).toBe(2);
    expect(workers.every((t) => t.tid !== t.pid)).toBe(true);
    const cpu = [...onCpuByTask(trace).values()].reduce((a, b) => a + b, 0);
    expect(cpu).toBeLessThanOrEqual(1.15 * activeWindowMs(trace));
    expect(Math.min(...onCpuByTask(trace).values())).toBeGreaterThan(0);
  });

  it('2 CPU-bound python processes: >= 0.7 x the cores two bare busy loops get; no process left afterwards', async () => {
    const baseline = await busyLoopCores(2);
    const trace = await (await engine.startRun({ kind: 'python-process', workload: 'cpu', workers: 2, durationS: 2 })).done;
    const workers = workerTasks(trace);
    expect(new Set(workers.map((t) => t.pid)).size).toBe(2);
    // On-CPU + run-queue time: on a machine shared with other busy programs, a process
    // ready to run but kept off the CPU by them still shows it does not wait for a lock.
    expect(readyParallelism(trace)).toBeGreaterThanOrEqual(0.7 * baseline);
    await new Promise((r) => setTimeout(r, 2000));
    expect(workers.filter((t) => t.pid !== null && isAlive(t.pid))).toEqual([]);
  });
});
