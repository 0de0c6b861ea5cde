import { describe, expect, it } from 'vitest';
import { STATE_COLORS, THEME_COLORS } from '../../../../src/timeline/colors';
import { buildPicture } from '../../../../src/timeline/export/picture';
import { pictureToSvg } from '../../../../src/timeline/export/svg';
import { findAll, parseSvg } from '../../../support/svg-doc';
import { syntheticTrace } from '../../../support/synthetic-trace';

const trace = syntheticTrace({ seed: 21, processes: 3, threadsPerProcess: 2, cores: 4, durationMs: 3000 });

describe('pictureToSvg', () => {
  const picture = buildPicture(trace, { width: 1280, height: 720 });
  const svg = pictureToSvg(picture);
  const doc = parseSvg(svg);
  const lanes = findAll(doc, (n) => n.name === 'g' && n.attrs.class === 'lane');

  it('is well-formed XML with one group per lane, each with its label', () => {
    expect(doc.attrs).toMatchObject({ width: '1280', height: '720', viewBox: '0 0 1280 720' });
    expect(lanes).toHaveLength(4 + trace.tasks.length);
    expect(lanes.map((g) => g.attrs['data-lane'])).toEqual([...[0, 1, 2, 3].map((c) => `core-${c}`), ...picture.sections[1]!.lanes.map((l) => l.key)]);
    for (const g of lanes) {
      const label = g.children.find((c) => c.name === 'text')?.text ?? '';
      expect(label.length).toBeGreaterThan(0);
      expect(g.children.find((c) => c.name === 'title')?.text).toContain(label.replace('…', ''));
    }
    expect(findAll(doc, (n) => n.name === 'image')).toEqual([]); // vectors, not an embedded bitmap
    expect(findAll(doc, (n) => n.attrs.class === 'axis')).toHaveLength(2);
    expect(findAll(doc, (n) => n.attrs.class === 'legend')).toHaveLength(1);
    expect(findAll(doc, (n) => n.attrs.class === 'annotation').map((n) => n.attrs['data-id'])).toEqual(['a1', 'a2']);
  });

  it('draws each task lane with as much "running" area as the task ran, at the level of detail of the size', () => {
    const tasksView = picture.sections[1]!;
    const laneArea = tasksView.layout.plotWidth * tasksView.layout.laneHeight;
    const running = STATE_COLORS.light.running;
    const wall = picture.toMs - picture.fromMs;
    for (const g of lanes.filter((l) => l.attrs['data-lane']!.startsWith('task-'))) {
      const id = g.attrs['data-lane']!.slice('task-'.length);
      const ran = trace.segments.filter((s) => s.taskId === id && s.state === 'running').reduce((a, s) => a + s.endMs - s.startMs, 0);
      const rects = g.children.filter((c) => c.name === 'rect' && c.attrs.class !== 'lane-bg' && c.attrs.x !== '2');
      const drawn = rects.filter((r) => r.attrs.fill === running).reduce((a, r) => a + Number(r.attrs.width) * Number(r.attrs.height), 0);
      expect(drawn / laneArea).toBeCloseTo(ran / wall, 1);
      // Aggregated per pixel column: never more shapes than columns x states, however many segments.
      expect(rects.length).toBeLessThanOrEqual(tasksView.layout.plotWidth * 7);
    }
    // A run with far more segments than pixel columns: shapes follow the columns, not the segments.
    const dense = syntheticTrace({ seed: 23, processes: 4, threadsPerProcess: 2, cores: 2, durationMs: 150_000 });
    const denseSvg = parseSvg(pictureToSvg(buildPicture(dense, { width: 400, height: 300 })));
    const shapes = findAll(denseSvg, (n) => n.name === 'rect').length;
    expect(dense.segments.length).toBeGreaterThan(3 * shapes);
  });

  it('follows the window and the theme', () => {
    const window = parseSvg(pictureToSvg(buildPicture(trace, { width: 800, height: 450, fromMs: 1000, toMs: 1500, theme: 'dark' })));
    expect(window.attrs['data-theme']).toBe('dark');
    expect(findAll(window, (n) => n.name === 'rect')[0]?.attrs.fill).toBe(THEME_COLORS.dark.page);
    const ticks = findAll(window, (n) => n.attrs.class === 'axis')[0]!.children.filter((c) => c.name === 'text').map((t) => t.text);
    expect(ticks[0]).toBe('1 s');
    expect(ticks.at(-1)).toBe('1.5 s');
    // The notes are at 600-1200 ms and 1800 ms: only the first overlaps the window.
    expect(findAll(window, (n) => n.attrs.class === 'annotation').map((n) => n.attrs['data-id'])).toEqual(['a1']);
  });

  it('escapes what people write', () => {
    const t = syntheticTrace({ seed: 22 });
    t.annotations[0]!.text = '<b> & "quotes" </svg>';
    t.tasks[0]!.label = 'a < b & c';
    const out = pictureToSvg(buildPicture(t, { width: 640, height: 400 }));
    expect(out).toContain('&lt;b&gt; &amp; &quot;quotes&quot; &lt;/svg&gt;');
    const note = findAll(parseSvg(out), (n) => n.attrs.class === 'annotation')[0]!;
    expect(note.children.find((c) => c.name === 'text')?.text).toBe('<b> & "quotes" </svg>');
  });
});
