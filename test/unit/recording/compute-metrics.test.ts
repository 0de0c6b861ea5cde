import { describe, expect, it } from 'vitest';
import { MetricsSchema, type Segment, type Task } from '../../../src/shared';
import { computeMetrics } from '../../../src/main/engine/recording/compute-metrics';

const task = (id: string, kind: Task['kind'], extra: Partial<Task> = {}): Task => ({
  id,
  kind,
  label: id,
  pid: 100,
  tid: 101,
  addressSpace: 100,
  parentId: null,
  workload: 'cpu',
  requestedMs: 10,
  startedMs: 12.5,
  exitMs: null,
  exitReason: null,
  exitDetail: null,
  ...extra,
});

const seg = (taskId: string, startMs: number, endMs: number, state: Segment['state'], core: number | null, onMs: number, waitMs = 0): Segment => ({
  taskId,
  startMs,
  endMs,
  state,
  core,
  onCpuNs: onMs * 1e6,
  waitNs: waitMs * 1e6,
});

describe('computeMetrics', () => {
  const tasks = [task('a', 'thread'), task('b', 'process', { startedMs: null }), task('sampler', 'sampler', { requestedMs: 0, startedMs: 0 })];
  const segments = [
    seg('a', 0, 400, 'running', 0, 400),
    seg('a', 400, 500, 'runnable', null, 0, 100),
    seg('a', 500, 1000, 'running', 1, 500),
    seg('b', 0, 300, 'running', 1, 300),
    seg('b', 300, 600, 'sleep', null, 2),
    seg('b', 600, 1000, 'running', 1, 400),
    seg('sampler', 0, 1000, 'running', 0, 30),
  ];
  const m = computeMetrics({ tasks, segments, wallMs: 1000, logicalCores: 2, sampler: null, unitsDone: { a: 300, b: 100 } });

  it('is a valid Metrics record', () => {
    expect(MetricsSchema.safeParse(m).success).toBe(true);
  });

  it("parallelism = the run's workers' on-CPU time / wall (the sampler thread is not the run's work)", () => {
    expect(m.cpuMs).toBeCloseTo(400 + 500 + 300 + 2 + 400);
    expect(m.parallelism).toBeCloseTo(1.602);
  });

  it('per task: on-CPU, wait, ms per core, migrations, spawn latency, units', () => {
    const a = m.tasks.find((t) => t.taskId === 'a')!;
    expect(a).toMatchObject({ onCpuMs: 900, waitMs: 100, coreMs: { '0': 400, '1': 500 }, migrations: 1, spawnMs: 2.5, unitsDone: 300 });
    const b = m.tasks.find((t) => t.taskId === 'b')!;
    // a sleep in between does not make a migration; on-CPU inside the sleep has no core
    expect(b).toMatchObject({ onCpuMs: 702, coreMs: { '1': 700 }, migrations: 0, spawnMs: null });
    expect(m.unitsPerSecond).toBeCloseTo(400);
  });

  it('per core utilization counts every task running on it', () => {
    expect(m.cores).toEqual([
      { core: 0, busyMs: 430, utilization: 0.43 },
      { core: 1, busyMs: 1200, utilization: 1.2 },
    ]);
  });

  it('counts migrations in time order even when segments arrive out of order', () => {
    const out = computeMetrics({
      tasks: [task('x', 'thread')],
      segments: [seg('x', 20, 30, 'running', 0, 10), seg('x', 0, 10, 'running', 0, 10), seg('x', 10, 20, 'running', 1, 10)],
      wallMs: 30,
      logicalCores: 2,
      sampler: null,
    });
    expect(out.tasks[0]!.migrations).toBe(2);
  });

  it('unknown cores (portable) give empty coreMs and zero core utilization, not a guess', () => {
    const out = computeMetrics({
      tasks: [task('x', 'thread')],
      segments: [seg('x', 0, 10, 'running', null, 0)],
      wallMs: 10,
      logicalCores: 2,
      sampler: null,
    });
    expect(out.tasks[0]!.coreMs).toEqual({});
    expect(out.cores.every((c) => c.busyMs === 0)).toBe(true);
    expect(out.unitsPerSecond).toBeNull();
  });

  it("start-up CPU: on-CPU time from the task's birth to its first instruction, segments clipped there; unknown without a birth", () => {
    const born = task('c', 'thread', { bornMs: 10, startedMs: 30 });
    const segs = [seg('c', 10, 12, 'runnable', null, 0, 2), seg('c', 12, 20, 'running', 0, 8), seg('c', 20, 24, 'sleep', null, 0), seg('c', 24, 40, 'running', 1, 16)];
    const [c, a] = computeMetrics({ tasks: [born, task('a', 'thread')], segments: segs, wallMs: 40, logicalCores: 2, sampler: null }).tasks;
    expect(c!.startupCpuMs).toBeCloseTo(8 + 6, 6);
    expect(a!.startupCpuMs).toBeNull();
  });

  it('a zero wall time gives zero rates, not NaN', () => {
    const out = computeMetrics({ tasks: [], segments: [], wallMs: 0, logicalCores: 1, sampler: null });
    expect(out.parallelism).toBe(0);
    expect(out.cores[0]!.utilization).toBe(0);
  });
});
