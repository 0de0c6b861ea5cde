import { describe, expect, it } from 'vitest';
import { buildTaskLanes } from '../../../src/timeline/lane-builder';
import { computeLayout } from '../../../src/timeline/layout';
import { TimelineModel } from '../../../src/timeline/model';
import { markAt, placeMarks, taskMarks } from '../../../src/timeline/task-marks';
import { pictureToSvg } from '../../../src/timeline/export/svg';
import { buildPicture } from '../../../src/timeline/export/picture';
import { machine, task, trace } from '../renderer/fixtures';

const tasks = [
  task('main', { kind: 'main', startedMs: 0 }),
  task('ok', { kind: 'process', requestedMs: 10, startedMs: 40, exitMs: 900, exitReason: 'finished' }),
  task('boom', { kind: 'thread', requestedMs: 10, startedMs: 30, exitMs: 500, exitReason: 'crashed', exitDetail: 'Error: thrown on purpose' }),
  task('late', { kind: 'python-thread', requestedMs: 0, startedMs: null, bornMs: 120 }),
];

describe('spawn, exit and crash marks', () => {
  it('come from the tasks: up at the first instruction (else birth), exit, and a crash for a crash reason; none for Corelanes itself', () => {
    const marks = taskMarks(tasks);
    expect(marks.map((m) => [tasks[m.task]!.id, m.kind, m.tMs])).toEqual([
      ['ok', 'spawn', 40],
      ['ok', 'exit', 900],
      ['boom', 'spawn', 30],
      ['boom', 'crash', 500],
      ['late', 'spawn', 120],
    ]);
    expect(marks[3]!.lines.join(' ')).toMatch(/boom: crashed \(crashed\).*thrown on purpose/);
    expect(marks[0]!.lines.join(' ')).toMatch(/30 ms after it was requested/);
  });

  it('sit on their own Tasks lane, inside the window and before a replay time; the crash wins under the pointer', () => {
    const m = new TimelineModel();
    m.reset('r', machine);
    tasks.forEach((t) => m.upsertTask(t));
    const lanes = buildTaskLanes(m, 'light', -1, { hideOwnThreads: true });
    const layout = computeLayout({ width: 1100, height: 400, laneCount: lanes.length, viewport: { t0: 0, t1: 1000 }, gutter: 100 });
    const places = placeMarks(taskMarks(m.tasks), lanes, layout);
    expect(places).toHaveLength(5);
    const crash = places.find((p) => p.mark.kind === 'crash')!;
    expect(lanes.findIndex((l) => l.task === crash.mark.task)).toBe(lanes.findIndex((l) => l.label === 'boom'));
    expect(markAt(places, crash.x + 1, crash.y)?.kind).toBe('crash');
    expect(markAt(places, crash.x + 60, crash.y)).toBeNull();
    expect(placeMarks(taskMarks(m.tasks), lanes, layout, 200)).toHaveLength(3);
  });

  it('are in the SVG export, the crash as a red ×', () => {
    const svg = pictureToSvg(buildPicture(trace({ tasks }), { width: 800, height: 500, toMs: 1000 }));
    expect(svg).toMatch(/<g class="mark crash"><title>boom: crashed/);
    expect(svg.match(/class="mark spawn"/g)).toHaveLength(3);
  });
});
