import { describe, expect, it } from 'vitest';
import type { Task } from '../../../src/shared';
import { STATE_COLORS, taskColors, taskColorsByTask, taskPalette, spaceColor, THEME_COLORS, type Theme } from '../../../src/timeline/colors';
import { deltaE, hueGap, MIN_STATE_DISTANCE } from '../../../src/timeline/palette';
import { legendGroups } from '../../../src/timeline/legend';
import { task } from '../renderer/fixtures';

const THEMES: Theme[] = ['light', 'dark'];

/** 4 processes of 1-4 threads each, Corelanes' main and sampler and 3 worker threads in its own process: 16 tasks. */
function manyTasks(): Task[] {
  const out: Task[] = [task('main', { kind: 'main', addressSpace: 1 }), task('sampler', { kind: 'sampler', addressSpace: 1 })];
  for (let w = 0; w < 3; w++) out.push(task(`t${w}`, { kind: 'thread', addressSpace: 1, requestedMs: 10 + w }));
  for (let p = 0; p < 4; p++) for (let t = 0; t <= p; t++) out.push(task(`p${p}.${t}`, { kind: t === 0 ? 'python-process' : 'python-thread', addressSpace: 100 + p, requestedMs: 20 + p }));
  return out;
}

function nearestState(color: string, theme: Theme): { state: string; distance: number } {
  return Object.entries(STATE_COLORS[theme])
    .map(([state, c]) => ({ state, distance: deltaE(color, c) }))
    .sort((a, b) => a.distance - b.distance)[0]!;
}

describe('task palette', () => {
  it.each(THEMES)('%s: no palette colour is within the set ΔE of a state colour, nor shares a colourful state\'s hue', (theme) => {
    const palette = taskPalette(theme);
    expect(palette.length).toBeGreaterThanOrEqual(10);
    for (const c of palette) {
      expect(nearestState(c, theme).distance, `${c} vs ${nearestState(c, theme).state}`).toBeGreaterThanOrEqual(MIN_STATE_DISTANCE);
      for (const s of ['running', 'runnable', 'io', 'gil-wait'] as const) expect(hueGap(c, STATE_COLORS[theme][s]), `${c} vs ${s}`).toBeGreaterThanOrEqual(30);
      expect(deltaE(c, THEME_COLORS[theme].lane)).toBeGreaterThanOrEqual(20);
    }
    // Its colours are told apart from one another too.
    for (let i = 0; i < palette.length; i++) for (let j = 0; j < i; j++) expect(deltaE(palette[i]!, palette[j]!)).toBeGreaterThan(15);
  });

  it.each(THEMES)('%s: every task colour, by task and by process (threads\' lighter and darker shades too), keeps clear of the state colours', (theme) => {
    const tasks = manyTasks();
    for (const colors of [taskColorsByTask(tasks, theme), taskColors(tasks, theme)]) {
      tasks.forEach((t, i) => expect(nearestState(colors[i]!, theme).distance, `${t.id}: ${colors[i]}`).toBeGreaterThanOrEqual(MIN_STATE_DISTANCE));
    }
    for (const space of [1, 100, 101, 102, 103]) expect(nearestState(spaceColor(tasks, space, theme), theme).distance).toBeGreaterThanOrEqual(MIN_STATE_DISTANCE);
  });

  it('gives each task its own colour, the run\'s workers first (the 2 GIL threads of one process differ), Corelanes\' threads last', () => {
    const tasks = manyTasks();
    const colors = taskColorsByTask(tasks, 'light');
    const palette = taskPalette('light');
    expect(colors[2]).toBe(palette[0]);
    expect(new Set(colors).size).toBe(Math.min(tasks.length, palette.length));
    expect(colors[12]).not.toBe(colors[13]); // two threads of process 103
  });

  it('the legend follows the colour mode and the lane filter', () => {
    const tasks = manyTasks();
    const byTask = legendGroups(tasks, 'dark', 'task', true).find((g) => g.view === 'cores')!;
    expect(byTask.title).toMatch(/by task/);
    expect(byTask.items.map((i) => i.label)).not.toContain('main');
    expect(byTask.items.at(-1)?.label).toMatch(/and 1 more/);
    expect(byTask.items[0]).toEqual({ color: taskColorsByTask(tasks, 'dark')[2], label: 't0' });
    const byProcess = legendGroups(tasks, 'dark', 'process').find((g) => g.view === 'cores')!;
    expect(byProcess.items).toHaveLength(5);
  });
});
