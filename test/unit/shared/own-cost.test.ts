import { describe, expect, it } from 'vitest';
import { ownCoresText, ownCost, ownCostLine, ownCostParts, type Metrics, type TaskMetrics } from '../../../src/shared';

const task = (taskId: string, kind: TaskMetrics['kind'], onCpuMs: number): TaskMetrics => ({
  taskId,
  kind,
  label: taskId,
  pid: 1,
  tid: 1,
  onCpuMs,
  waitMs: 0,
  coreMs: {},
  migrations: 0,
  spawnMs: null,
  unitsDone: null,
  exitReason: 'finished',
});

const metrics = (tasks: TaskMetrics[], own?: Metrics['own']): Pick<Metrics, 'tasks' | 'wallMs' | 'own'> => ({ tasks, wallMs: 2000, ...(own ? { own } : {}) });

describe('ownCost', () => {
  it("sums the main and sampler lanes and the rest of the process, over the wall time; the workers' time is not Corelanes'", () => {
    const o = ownCost(metrics([task('main', 'main', 60), task('sampler', 'sampler', 90), task('w0', 'thread', 1900), task('w1', 'process', 1800)], { otherThreadsMs: 30 }));
    expect(o).toEqual({ mainMs: 60, samplerMs: 90, otherThreadsMs: 30, totalMs: 180, cores: 0.09 });
    expect(ownCostLine(o, false)).toBe('Corelanes itself used 0.09 cores: main thread 60 ms, sampler thread 90 ms, rest of its process 30 ms.');
    expect(ownCostLine(o, true)).toMatch(/rest of its process 30 ms; the page's renderer is not counted\.$/);
  });

  it('an older trace (no own) counts the lanes and says the rest of the process was not measured', () => {
    const o = ownCost(metrics([task('main', 'main', 60), task('sampler', 'sampler', 100)]));
    expect(o).toMatchObject({ otherThreadsMs: null, totalMs: 160, cores: 0.08 });
    expect(ownCostParts(o)).toBe('main thread 60 ms, sampler thread 100 ms, rest of its process not measured');
    expect(ownCoresText(o)).toBe('at least 0.08 cores');
    // Not Linux: read nothing (null), not 0.
    expect(ownCost(metrics([task('main', 'main', 60)], { otherThreadsMs: null })).otherThreadsMs).toBeNull();
  });

  it("a traced command's run has none of the app's lanes: the whole app is in its process's reading, not 'not measured'", () => {
    const o = ownCost(metrics([task('p1', 'command', 1000)], { otherThreadsMs: 120 }));
    expect(o).toMatchObject({ mainMs: null, samplerMs: null, totalMs: 120, cores: 0.06 });
    expect(ownCostParts(o)).toBe('its process 120 ms');
    const none = ownCost(metrics([task('p1', 'command', 1000)]));
    expect(ownCostParts(none)).toBe('main thread not measured, sampler thread not measured, its process not measured');
    expect(ownCoresText(none)).toBe('not measured');
    expect(ownCostLine(none, true)).toBe("Corelanes' own cost: not measured in this run; the page's renderer is not counted.");
  });

  it('a zero wall time is 0 cores, not NaN', () => {
    expect(ownCost({ tasks: [task('main', 'main', 1)], wallMs: 0 }).cores).toBe(0);
  });
});
