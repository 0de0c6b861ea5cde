import { describe, expect, it } from 'vitest';
import { RunParamsSchema, TRACE_FORMAT, TRACE_VERSION, type Segment, type Task, type Trace } from '../../../src/shared';
import { activeParallelism, activeWindowMs, countMarkers, median, runQueueMs, spawnMs, stateMs, workersOnCpuMs } from '../../../src/main/presets/lib';
import { progressRatio } from '../../../src/main/presets/lib/cpu-verdict';

const task = (id: string, kind: Task['kind'], startedMs: number | null, exitMs: number | null): Task => ({
  id, kind, label: id, pid: 1, tid: 1, addressSpace: 1, parentId: null, workload: 'cpu', requestedMs: 0, startedMs, exitMs, exitReason: null, exitDetail: null,
});
const seg = (taskId: string, startMs: number, endMs: number, state: Segment['state'], onCpuMs: number, waitMs = 0): Segment => ({
  taskId, startMs, endMs, state, core: null, onCpuNs: onCpuMs * 1e6, waitNs: waitMs * 1e6,
});

/** Two workers that ran from 100 to 1100 ms, each on-CPU 500 ms: one core's worth, taking turns. */
function trace(onCpuEach = 500, units: [number, number] = [100, 90], cores = 2): Trace {
  return {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    machine: { os: 'linux', kernel: 'k', arch: 'x64', cpuModel: 'c', logicalCores: cores, coresObservable: true, runtimes: {} },
    run: { runId: 'r', scenarioId: 'x', params: RunParamsSchema.parse({ workers: 2 }), startedAt: 'now', wallMs: 1300 },
    tasks: [task('main', 'main', 0, 1300), task('w0', 'gil-thread', 100, 1100), task('w1', 'gil-thread', 120, 1090)],
    segments: [
      seg('main', 0, 1300, 'running', 900),
      seg('w0', 100, 1100, 'running', onCpuEach, 20),
      seg('w1', 120, 600, 'gil-wait', 0),
      seg('w1', 600, 1090, 'running', onCpuEach, 10),
    ],
    markers: [{ tMs: 300, kind: 'gil-handover', taskId: 'w1' }, { tMs: 305, kind: 'gil-handover', taskId: 'w0' }],
    memory: [],
    annotations: [],
    metrics: {
      wallMs: 1300, cpuMs: 1000, parallelism: 0.77, cores: [], sampler: null, unitsPerSecond: null,
      tasks: [
        { taskId: 'w0', kind: 'gil-thread', label: 'w0', pid: 1, tid: 2, onCpuMs: 500, waitMs: 0, coreMs: {}, migrations: 0, spawnMs: 100, unitsDone: units[0], exitReason: 'finished' },
        { taskId: 'w1', kind: 'gil-thread', label: 'w1', pid: 1, tid: 3, onCpuMs: 500, waitMs: 0, coreMs: {}, migrations: 0, spawnMs: 120, unitsDone: units[1], exitReason: 'finished' },
      ],
    },
  };
}

describe('trace measures', () => {
  it('counts only the workers, over the window they ran', () => {
    const t = trace();
    expect(activeWindowMs(t)).toBe(1000);
    expect(workersOnCpuMs(t)).toBeCloseTo(1000);
    expect(activeParallelism(t)).toBeCloseTo(1.0);
    expect(stateMs(t, 'gil-wait')).toBe(480);
    expect(runQueueMs(t)).toBeCloseTo(30);
    expect(countMarkers(t, 'gil-handover')).toBe(2);
    expect(spawnMs(t)).toEqual([100, 120]);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBe(0);
  });

  it('with a spawn phase, the window opens at its end: workers up early waited for their start until then', () => {
    const t = trace();
    t.run.spawnPhase = { startMs: 90, endMs: 300, workers: 2, batch: 1 };
    expect(activeWindowMs(t)).toBe(800);
    t.run.spawnPhase = { startMs: 0, endMs: 50, workers: 2, batch: 8 };
    expect(activeWindowMs(t)).toBe(1000);
  });

  it('start-up before the first instruction (a lane drawn from birth) stays out of the parallelism while they ran', () => {
    const t = trace();
    // Both workers' start-up, 0-100 ms, running at once before the window opens, and a segment after the last exit.
    t.segments.push(seg('w0', 0, 100, 'running', 100), seg('w1', 0, 100, 'running', 100), seg('w0', 1100, 1200, 'running', 100));
    expect(workersOnCpuMs(t)).toBeCloseTo(1300);
    expect(activeParallelism(t)).toBeCloseTo(1.0);
  });

  it('progress ratio: the slowest worker over the fastest', () => {
    expect(progressRatio(trace(500, [100, 5]))).toBeCloseTo(0.05);
    expect(progressRatio(trace())).toBeCloseTo(0.9);
  });
});
