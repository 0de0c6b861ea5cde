import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, createNodeForkHost } from '../../../src/main/engine';
import { activeWindowMs, workerTasks } from '../../../src/main/presets/lib';
import { findPython } from '../../../src/main/python';
import type { Trace } from '../../../src/shared';
import { builtEntries } from '../../support/entries';

// The python-thread kind infers GIL waits like `corelanes trace` does (futex sleep
// while a sibling thread of the interpreter runs), only for a GIL build, marked inferred.

const engine = createEngine({ entries: builtEntries(), processHost: createNodeForkHost() });
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
    // With a GIL each thread waits for it about half of the time; the 20 ms look only sees part of it.
    expect(inferredMs(trace)).toBeGreaterThan(0.1 * activeWindowMs(trace));
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
