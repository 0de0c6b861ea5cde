import { describe, expect, it } from 'vitest';
import { buildLanes } from '../../../../src/timeline/lane-builder';
import { computeLayout } from '../../../../src/timeline/layout';
import { loadTraceIntoModel } from '../../../../src/timeline/load-trace';
import { TimelineModel } from '../../../../src/timeline/model';
import { noteBands } from '../../../../src/timeline/note-marks';
import { pictureToSvg } from '../../../../src/timeline/export/svg';
import { viewPicture } from '../../../../src/timeline/export/view-picture';
import { findAll, parseSvg } from '../../../support/svg-doc';
import { syntheticTrace } from '../../../support/synthetic-trace';
import { spawnPhaseBeginMarker, spawnPhaseEndMarker } from '../../../../src/shared';

const trace = syntheticTrace({ seed: 5, processes: 2, threadsPerProcess: 2, cores: 2, durationMs: 2000 });
const model = new TimelineModel();
loadTraceIntoModel(model, trace);
const viewport = { t0: 0, t1: 2000 };
const cores = buildLanes('cores', model, 'light', -1);
const tasks = buildLanes('tasks', model, 'light', -1);
const coresLayout = computeLayout({ width: 900, height: 120, laneCount: cores.length, viewport });
const tasksLayout = computeLayout({ width: 900, height: 200, laneCount: tasks.length, viewport });
const sections = [
  { kind: 'cores' as const, title: 'Cores', top: 0, layoutTop: 20, layout: coresLayout, lanes: cores },
  { kind: 'tasks' as const, title: 'Tasks', top: 150, layoutTop: 170, layout: tasksLayout, lanes: tasks },
];

describe('viewPicture: the page view as a picture', () => {
  it('keeps each view where the page shows it, its window and lanes, and the notes as the page places them', () => {
    const p = viewPicture({ model, theme: 'light', fontPx: 12, width: 900, height: 370, title: 'x', sections, notes: trace.annotations, untilMs: null });
    expect(p).toMatchObject({ width: 900, height: 370, bare: true, fromMs: 0, toMs: 2000, legend: [] });
    expect(p.atMs).toBeUndefined();
    expect(p.sections.map((s) => [s.layoutTop, s.lanes.length])).toEqual([
      [20, cores.length],
      [170, tasks.length],
    ]);
    // Each view's bands, moved down by the view's top.
    const expected = [...noteBands(trace.annotations, coresLayout, cores).map((b) => b.y0 + 20), ...noteBands(trace.annotations, tasksLayout, tasks).map((b) => b.y0 + 170)];
    expect(p.notes.map((n) => n.y0)).toEqual(expected);
  });

  it('draws the spawn phase over the Tasks view only, as the page does', () => {
    const phased = new TimelineModel();
    loadTraceIntoModel(phased, { ...trace, markers: [...trace.markers, spawnPhaseBeginMarker(0, 4, 4), spawnPhaseEndMarker({ startMs: 0, endMs: 250, workers: 4, batch: 4 })] });
    const p = viewPicture({ model: phased, theme: 'light', fontPx: 12, width: 900, height: 370, title: 'x', sections, notes: [], untilMs: null });
    const bands = p.notes.filter((n) => n.id === 'spawn-phase');
    expect(bands).toHaveLength(1);
    expect(bands[0]!.y0).toBeGreaterThanOrEqual(170); // inside the Tasks view
  });

  it('at a replay time, the SVG lanes are cut there: no shape right of it', () => {
    const p = viewPicture({ model, theme: 'dark', fontPx: 12, width: 900, height: 370, title: 'x', sections, notes: [], untilMs: 1000 });
    expect(p.atMs).toBe(1000);
    const doc = parseSvg(pictureToSvg(p, 2));
    expect(doc.attrs).toMatchObject({ width: '1800', height: '740', viewBox: '0 0 900 370' });
    expect(findAll(doc, (n) => n.attrs.class === 'title')).toEqual([]);
    const cut = Math.ceil(coresLayout.x(1000));
    const rects = findAll(doc, (n) => n.name === 'rect' && n.attrs.fill !== undefined && n.attrs.class === undefined && Number(n.attrs.x) > coresLayout.plotLeft);
    expect(rects.length).toBeGreaterThan(10);
    for (const r of rects) expect(Number(r.attrs.x)).toBeLessThanOrEqual(cut);
  });
});
