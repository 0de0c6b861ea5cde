import { describe, expect, it } from 'vitest';
import { buildCoreLanes, buildTaskLanes } from '../../../src/timeline/lane-builder';
import { taskColors, taskColorsByTask } from '../../../src/timeline/colors';
import { TimelineModel } from '../../../src/timeline/model';
import { machine, task } from '../renderer/fixtures';

describe('lane builder', () => {
  it('gives one lane per core, and says so when the OS does not report cores', () => {
    const m = new TimelineModel();
    m.reset('r', machine);
    expect(buildCoreLanes(m, 'light', -1).map((l) => l.label)).toEqual(['core 0', 'core 1']);
    const blind = new TimelineModel();
    blind.reset('r', { ...machine, coresObservable: false });
    blind.upsertTask(task('a'));
    blind.appendSegments([{ taskId: 'a', startMs: 0, endMs: 5, state: 'running', core: null, onCpuNs: 0, waitNs: 0 }]);
    const lanes = buildCoreLanes(blind, 'light', -1);
    expect(lanes).toHaveLength(1);
    expect(lanes[0]?.label).toBe('core unknown');
    expect(lanes[0]?.note).toMatch(/does not report cores/);
    expect(lanes[0]?.columns.length).toBe(1);
  });

  it('fades every task but the selected one in the Cores view and outlines its Tasks lane', () => {
    const m = new TimelineModel();
    m.reset('r', machine);
    m.upsertTask(task('a'));
    m.upsertTask(task('b'));
    const cores = buildCoreLanes(m, 'dark', 1);
    expect(Array.from(cores[0]?.dim ?? [])).toEqual([expect.closeTo(0.3), 1]);
    const tasks = buildTaskLanes(m, 'dark', 1);
    expect(tasks.map((l) => l.highlighted)).toEqual([false, true]);
  });

describe('lane options', () => {
  it("gives each Tasks lane's swatch the colour the Cores view gives its task, in either colour mode", () => {
    const m = new TimelineModel();
    m.reset('r', machine);
    m.upsertTask(task('t0', { kind: 'thread', addressSpace: 5 }));
    m.upsertTask(task('t1', { kind: 'thread', addressSpace: 5 }));
    expect(buildTaskLanes(m, 'dark', -1).map((l) => l.swatch)).toEqual(taskColors(m.tasks, 'dark'));
    const byTask = buildTaskLanes(m, 'dark', -1, { colorMode: 'task' }).map((l) => l.swatch);
    expect(byTask).toEqual(taskColorsByTask(m.tasks, 'dark'));
    expect(byTask[0]).not.toBe(byTask[1]);
  });

  it("hides Corelanes' own threads when asked: no Tasks lanes, their core time drawn as the empty lane; by task gives each its own colour", () => {
    const m = new TimelineModel();
    m.reset('r', machine);
    m.upsertTask(task('main', { kind: 'main' }));
    m.upsertTask(task('sampler', { kind: 'sampler' }));
    m.upsertTask(task('g0', { kind: 'gil-thread' }));
    m.upsertTask(task('g1', { kind: 'gil-thread' }));
    expect(buildTaskLanes(m, 'light', -1).map((l) => l.label)).toEqual(['main', 'sampler', 'g0', 'g1']);
    expect(buildTaskLanes(m, 'light', -1, { hideOwnThreads: true }).map((l) => l.label)).toEqual(['g0', 'g1']);
    const hidden = buildCoreLanes(m, 'light', -1, { hideOwnThreads: true, colorMode: 'task' })[0]!.palette;
    expect(hidden[0]).toBe(hidden[1]);
    expect(hidden[2]).not.toBe(hidden[3]);
    expect(hidden[0]).not.toBe(hidden[2]);
  });
});
});

describe('taskColors', () => {
  it('gives threads of one process one hue family and each process its own hue', () => {
    const colors = taskColors(
      [task('p1', { addressSpace: 1 }), task('t1', { addressSpace: 1 }), task('p2', { addressSpace: 2 }), task('x', { addressSpace: null })],
      'light',
    );
    expect(new Set(colors).size).toBe(4);
    const hue = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
      const max = Math.max(r, g, b);
      const min = Math.min(r, g, b);
      const d = max - min;
      if (d === 0) return NaN;
      const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
      return (h * 60 + 360) % 360;
    };
    expect(Math.abs(hue(colors[0] as string) - hue(colors[1] as string))).toBeLessThan(15);
    expect(Math.abs(hue(colors[0] as string) - hue(colors[2] as string))).toBeGreaterThan(30);
    // Unknown address space: a grey (almost no saturation), not a hue that would claim a process.
    const [r, g, b] = [1, 3, 5].map((i) => parseInt((colors[3] as string).slice(i, i + 2), 16));
    expect((Math.max(r!, g!, b!) - Math.min(r!, g!, b!)) / Math.max(r!, g!, b!)).toBeLessThan(0.2);
  });
});
