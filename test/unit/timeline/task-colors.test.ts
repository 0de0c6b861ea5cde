import { describe, expect, it } from 'vitest';
import { hsl } from 'd3';
import { spaceColor, taskColors } from '../../../src/timeline/colors';
import { task } from '../renderer/fixtures';

const app = [
  task('main', { kind: 'main', addressSpace: 1, requestedMs: 0 }),
  task('sampler', { kind: 'sampler', addressSpace: 1, requestedMs: 0 }),
  task('g0', { kind: 'gil-thread', addressSpace: 1, requestedMs: 5 }),
  task('g1', { kind: 'gil-thread', addressSpace: 1, requestedMs: 6 }),
  task('p', { kind: 'process', addressSpace: 2, requestedMs: 7 }),
];

describe('task colours', () => {
  it('keeps threads of one process in one hue family but clearly apart in lightness (workers furthest apart)', () => {
    const [main, sampler, g0, g1, p] = taskColors(app, 'light').map((c) => hsl(c));
    expect(Math.abs(g0!.l - g1!.l)).toBeGreaterThan(0.35);
    for (const c of [main!, sampler!, g1!]) expect(Math.abs(((c.h - g0!.h + 540) % 360) - 180)).toBeLessThan(15);
    for (const a of [main!, sampler!, g0!, g1!]) for (const b of [main!, sampler!, g0!, g1!]) if (a !== b) expect(Math.abs(a.l - b.l)).toBeGreaterThan(0.08);
    expect(Math.abs(((p!.h - g0!.h + 540) % 360) - 180)).toBeGreaterThan(20);
  });

  it('gives the same colours whatever order the tasks arrived in (live vs replayed trace)', () => {
    const live = taskColors(app, 'dark');
    const reordered = [app[2]!, app[3]!, app[4]!, app[0]!, app[1]!];
    const replayed = taskColors(reordered, 'dark');
    const byId = (tasks: typeof app, colors: string[]) => Object.fromEntries(tasks.map((t, i) => [t.id, colors[i]]));
    expect(byId(reordered, replayed)).toEqual(byId(app, live));
    expect(spaceColor(reordered, 2, 'dark')).toBe(spaceColor(app, 2, 'dark'));
  });
});
