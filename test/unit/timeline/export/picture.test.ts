import { describe, expect, it } from 'vitest';
import { buildPicture, legendRows, placeLabels, textWidth } from '../../../../src/timeline/export/picture';
import { syntheticTrace } from '../../../support/synthetic-trace';
import { spawnPhaseBeginMarker, spawnPhaseEndMarker } from '../../../../src/shared';

describe('buildPicture', () => {
  const trace = syntheticTrace({ seed: 41, processes: 3, threadsPerProcess: 3, cores: 4, durationMs: 2000 });

  it.each([
    [200, 200],
    [640, 360],
    [1280, 720],
    [1920, 1080],
    [3000, 300],
    [800, 2000],
  ])('lays out %ix%i: views one below the other, inside the picture, the legend below them', (width, height) => {
    const p = buildPicture(trace, { width, height });
    let y = 0;
    for (const s of p.sections) {
      expect(s.top).toBeGreaterThanOrEqual(y);
      expect(s.layoutTop).toBeGreaterThan(s.top);
      expect(s.layout.plotLeft + s.layout.plotWidth).toBeLessThanOrEqual(width);
      y = s.layoutTop + s.layout.height;
    }
    expect(y).toBeLessThanOrEqual(height + 1);
    if (p.legend.length) {
      expect(p.legendTop).toBeGreaterThanOrEqual(y - 1);
      const rows = legendRows(p.legend, width, p.fontPx);
      expect(p.legendTop + (rows.at(-1)?.y ?? 0) + p.fontPx * 1.5).toBeLessThanOrEqual(height);
    }
    for (const n of p.notes) expect(n.labelX + textWidth(n.text, p.fontPx)).toBeLessThanOrEqual(width);
  });

  it('puts "Parallelism over time" between the Cores and Tasks views, aligned with their plot, one stack per process', () => {
    const p = buildPicture(trace, { width: 1280, height: 720 });
    const [cores, tasks] = p.sections;
    expect(p.strip).not.toBeNull();
    const strip = p.strip!;
    expect(strip.geom.top).toBeGreaterThanOrEqual(cores!.layoutTop + cores!.layout.height);
    expect(strip.geom.top + strip.geom.height).toBeLessThanOrEqual(tasks!.top);
    expect(strip.geom.plotLeft).toBe(cores!.layout.plotLeft);
    expect(strip.pic.columns).toBe(cores!.layout.plotWidth);
    expect(strip.pic.groups).toBe(3);
    expect(strip.pic.cores).toBe(4);
    expect(buildPicture(trace, { width: 1280, height: 720, views: 'tasks' }).strip).toBeNull();
  });

  it('shows the spawn phase as the page does, a note over the lanes from its start to its end', () => {
    const phase = { startMs: 0, endMs: 300, workers: 9, batch: 8 };
    const withPhase = { ...trace, markers: [...trace.markers, spawnPhaseBeginMarker(0, 9, 8), spawnPhaseEndMarker(phase)] };
    const note = buildPicture(withPhase, { width: 1280, height: 720 }).notes.find((n) => n.id === 'spawn-phase');
    expect(note?.fullText).toMatch(/^spawn phase over: 9 workers up in 300 ms, at most 8 starting at once/);
    expect(note!.x1).toBeGreaterThan(note!.x0);
    expect(buildPicture(trace, { width: 1280, height: 720 }).notes.some((n) => n.id === 'spawn-phase')).toBe(false);
  });

  it('refuses a window that ends before it starts', () => {
    expect(() => buildPicture(trace, { width: 800, height: 600, fromMs: 500, toMs: 100 })).toThrow(/the window ends \(100 ms\) before it starts \(500 ms\)/);
  });
});

describe('placeLabels', () => {
  const note = (id: string, startMs: number, text: string) => ({ id, startMs, endMs: startMs, taskId: null, text, arrow: null });
  const x = (t: number) => t; // 1 px per ms

  it('puts labels at their time, in new rows when they would overlap, and never over one another', () => {
    const placed = placeLabels([note('a', 100, 'first note'), note('b', 120, 'second note'), note('c', 400, 'third')], x, 1000, 10, 3);
    expect(placed.map((l) => [l.note.id, l.row, l.x])).toEqual([
      ['a', 0, 104],
      ['b', 1, 124],
      ['c', 0, 404],
    ]);
  });

  it('with no row left, goes after the shortest row and cuts the text to the picture with an ellipsis', () => {
    const placed = placeLabels([note('a', 100, 'x'.repeat(60)), note('b', 110, 'y'.repeat(60))], x, 700, 10, 1);
    const [a, b] = placed;
    expect(b!.row).toBe(0);
    expect(b!.x).toBeGreaterThanOrEqual(a!.x + textWidth(a!.text, 10));
    expect(b!.text.endsWith('…')).toBe(true);
    expect(b!.x + textWidth(b!.text, 10)).toBeLessThanOrEqual(700);
  });
});
