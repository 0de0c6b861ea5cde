import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { activeWindowMs, workerTasks } from '../../../src/main/presets/lib';
import { findPython } from '../../../src/main/python';
import type { Trace } from '../../../src/shared';
import { realEngine } from '../../support/engine';
import { CLI_BUNDLE } from '../../support/entries';

// The python-thread kind infers GIL waits like `corelanes trace` does (futex sleep
// while a sibling thread of the interpreter runs), only for a GIL build, marked inferred.

const engine = realEngine();
afterAll(() => engine.dispose());

const inferredMs = (trace: Trace) => trace.segments.filter((s) => s.inferred).reduce((a, s) => a + (s.endMs - s.startMs), 0);

describe('python-thread: inferred GIL waits', () => {
  it('2 CPU-bound threads of a GIL build: each shows inferred gil-wait time; what was measured running stays running', async () => {
    const python = await findPython('python3');
    const trace = await (await engine.startRun({ kind: 'python-thread', workload: 'cpu', workers: 2, durationS: 2 })).done;
    const workers = workerTasks(trace);
    expect(workers).toHaveLength(2);
    const inferred = trace.segments.filter((s) => s.inferred);
    if (!python.gilEnabled) {
      // A free-threaded python3 has no GIL to wait for: nothing may be inferred.
      expect(inferred).toEqual([]);
      return;
    }
    expect(inferred.length).toBeGreaterThan(0);
    expect(inferred.filter((s) => s.state !== 'gil-wait' || s.core !== null)).toEqual([]);
    expect(new Set(inferred.map((s) => s.taskId))).toEqual(new Set(workers.map((t) => t.id)));
    // With a GIL each thread waits about half of the time; the 20 ms look sees part of it (~30% of the window
    // on a quiet machine, less when other programs keep the cores busy and a waiter is runnable instead).
    expect(inferredMs(trace)).toBeGreaterThan(0.05 * activeWindowMs(trace));
    // Observed on-CPU time is never hidden by the inference.
    expect(trace.segments.some((s) => s.state === 'running' && workers.some((w) => w.id === s.taskId))).toBe(true);
    expect(trace.segments.filter((s) => s.inferred && s.state !== 'gil-wait')).toEqual([]);
  });

  it('2 CPU-bound python processes: each has its own GIL, so no inferred gil-wait at all', async () => {
    const trace = await (await engine.startRun({ kind: 'python-process', workload: 'cpu', workers: 2, durationS: 1.5 })).done;
    expect(workerTasks(trace)).toHaveLength(2);
    expect(trace.segments.filter((s) => s.inferred || s.state === 'gil-wait')).toEqual([]);
  });
});

describe('python-cpu-threads preset', () => {
  it('reports the inferred GIL-wait share in its verdict (corelanes run ... --json)', async () => {
    const python = await findPython('python3');
    const r = spawnSync(process.execPath, [CLI_BUNDLE, 'run', 'python-cpu-threads', '--duration', '1', '--json'], { encoding: 'utf8', timeout: 90_000 });
    expect(r.status, r.stderr).toBe(0);
    const raw = JSON.parse(r.stdout).verdict.raw as Record<string, number>;
    const shares = Object.entries(raw).filter(([k]) => k.startsWith('inferredGilWaitShare.')).map(([, v]) => v);
    expect(shares).toHaveLength(3); // one per repeat
    const share = shares.sort((a, b) => a - b)[1]!;
    if (python.gilEnabled) expect(share).toBeGreaterThan(0.01);
    else expect(share).toBe(0);
    expect(share).toBeLessThan(1);
  });
});
