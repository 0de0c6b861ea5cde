import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../src/shared';
import { computeLayout } from '../../../src/timeline/layout';
import type { LaneDescriptor } from '../../../src/timeline/lanes';
import { noteBands } from '../../../src/timeline/note-marks';

const lanes = ['task-w0', 'task-w1'].map((key) => ({ key }) as LaneDescriptor);
const layout = computeLayout({ width: 632, height: 200, laneCount: 2, viewport: { t0: 0, t1: 1000 }, gutter: 132 });
const note = (over: Partial<Annotation>): Annotation => ({ id: 'n', startMs: 100, endMs: 200, taskId: null, text: 'a note', arrow: null, ...over });

describe('noteBands', () => {
  it('puts a note over its task lane at its time, with an arrow to another lane; a note of no task spans every lane', () => {
    const [lane, whole] = noteBands([note({ id: 'a', taskId: 'w1', arrow: { taskId: 'w0', tMs: 150 } }), note({ id: 'b', startMs: 500, endMs: 500 })], layout, lanes);
    expect(lane!.x0).toBeCloseTo(layout.x(100), 6);
    expect(lane!.x1).toBeCloseTo(layout.x(200), 6);
    expect(lane!.y0).toBe(layout.lanesTop + layout.laneStep);
    expect(lane!.arrow!.x1).toBeCloseTo(layout.x(150), 6);
    expect(lane!.arrow!.y1).toBeCloseTo(layout.lanesTop + layout.laneHeight / 2, 6);
    expect(whole!.y0).toBe(layout.lanesTop);
    expect(whole!.y1).toBe(layout.lanesTop + 2 * layout.laneStep);
    expect(whole!.x1 - whole!.x0).toBe(3); // a moment stays visible
  });

  it('leaves out notes outside the window, moves overlapping labels a row down and cuts long ones at the edge', () => {
    const bands = noteBands([note({ id: 'a', text: 'x'.repeat(30) }), note({ id: 'b', startMs: 120 }), note({ id: 'c', startMs: 2000, endMs: 3000 }), note({ id: 'd', startMs: 990, endMs: 995, text: 'y'.repeat(50) })], layout, lanes);
    expect(bands.map((b) => b.id)).toEqual(['a', 'b', 'd']);
    expect(bands[1]!.labelY).toBeGreaterThan(bands[0]!.labelY);
    expect(bands[2]!.label.endsWith('…')).toBe(true);
  });
});
