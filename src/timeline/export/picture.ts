import type { Annotation, Trace } from '../../shared';
import { formatTime } from '../axis';
import { pack, THEME_COLORS, type Theme } from '../colors';
import { buildLanes, type TimelineViewKind } from '../lane-builder';
import type { LaneDescriptor } from '../lanes';
import { computeLayout, laneTop, type TimelineLayout } from '../layout';
import { legendGroups, type LegendGroup } from '../legend';
import { loadTraceIntoModel } from '../load-trace';
import { TimelineModel } from '../model';
import type { NotePlace } from '../note-marks';
import type { Scene } from '../painter';
import { taskMarks } from '../task-marks';
import { parallelismPicture, type ParallelismPicture, type StripGeometry } from '../parallelism-strip';
import { spawnPhaseNote } from '../phase-band';

/**
 * A picture of a run for export (PNG, SVG; later the app's own buttons): the
 * same lanes, layout and per-pixel-column binning as the live view, laid out
 * for a fixed size: a title, the Cores and Tasks views with their time axes,
 * the legend, and the run's annotations. Pure: the painters draw it.
 */
export interface PictureOptions {
  width: number;
  height: number;
  /** The time window, ms since the run's start; default: the whole run. */
  fromMs?: number;
  toMs?: number;
  theme?: Theme;
  views?: 'both' | TimelineViewKind;
  /** A video frame: the run as it was at this time (lanes cut there, a playhead, notes that began by then). */
  atMs?: number;
  /** The trace already loaded into a model (a video builds one picture per frame from one model). */
  model?: TimelineModel;
}

export interface PictureSection {
  kind: TimelineViewKind;
  title: string;
  /** y of the section's heading; its layout (axis, then lanes) starts at `top + headingHeight`. */
  top: number;
  layoutTop: number;
  layout: TimelineLayout;
  lanes: LaneDescriptor[];
}

/** A note on the picture; its label (baseline-middle at labelX/labelY) sits in a row under the title. */
export interface NoteMark extends NotePlace {
  /** The label as it fits; `fullText` is the note. */
  text: string;
  fullText: string;
}

export interface Picture {
  width: number;
  height: number;
  theme: Theme;
  colors: (typeof THEME_COLORS)[Theme];
  fontPx: number;
  title: string;
  subtitle: string;
  fromMs: number;
  toMs: number;
  sections: PictureSection[];
  legend: LegendGroup[];
  legendTop: number;
  notes: NoteMark[];
  /** "Parallelism over time" under the Cores view (null when the Cores view is not in the picture). */
  strip: { geom: StripGeometry; pic: ParallelismPicture } | null;
  model: TimelineModel;
  /** A video frame's time (see PictureOptions.atMs). */
  atMs?: number;
  /** A picture of the page's own view (viewPicture): no title, time or legend, only what the page shows. */
  bare?: boolean;
}

const VIEW_TITLES: Record<TimelineViewKind, string> = {
  cores: 'Cores: one lane per core, slices coloured by the task on it',
  tasks: 'Tasks: one lane per thread or process, coloured by state',
};

/** About how wide a line of text is (no font metrics here; SVG and PNG lay out alike). */
export function textWidth(text: string, fontPx: number): number {
  return text.length * fontPx * 0.56;
}

/** The legend's rows: items flow left to right and wrap at the width. */
export function legendRows(groups: LegendGroup[], width: number, fontPx: number): { y: number; x: number; kind: 'title' | 'item'; text: string; color: string | null }[] {
  const out: { y: number; x: number; kind: 'title' | 'item'; text: string; color: string | null }[] = [];
  const rowH = Math.round(fontPx * 1.5);
  let y = 0;
  for (const group of groups) {
    let x = 10;
    out.push({ y, x, kind: 'title', text: group.title, color: null });
    x += textWidth(group.title, fontPx) + fontPx;
    for (const item of group.items) {
      const w = fontPx * 1.4 + textWidth(item.label, fontPx) + fontPx;
      if (x + w > width - 10 && x > 10) {
        x = 10 + fontPx;
        y += rowH;
      }
      out.push({ y, x, kind: 'item', text: item.label, color: item.color });
      x += w;
    }
    y += rowH;
  }
  return out;
}

function wallOf(trace: Trace, model: TimelineModel): number {
  return Math.max(trace.run.wallMs, model.endMs, 1);
}

function when(startedAt: string): string {
  const ms = Date.parse(startedAt);
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : startedAt;
}

/** Builds the picture of a trace at a size. Throws a one-line Error for an impossible window or size. */
export function buildPicture(trace: Trace, options: PictureOptions): Picture {
  const { width, height } = options;
  const theme = options.theme ?? 'light';
  const model = options.model ?? new TimelineModel();
  if (!options.model) loadTraceIntoModel(model, trace);
  const fromMs = options.fromMs ?? 0;
  const toMs = options.toMs ?? wallOf(trace, model);
  if (!(toMs > fromMs)) throw new Error(`the window ends (${toMs} ms) before it starts (${fromMs} ms)`);

  const fontPx = Math.max(11, Math.min(26, Math.round(Math.min(height / 50, width / 70))));
  const colors = THEME_COLORS[theme];
  const run = trace.run;
  const what = run.command ? run.command.argv.join(' ').slice(0, 80) : (run.scenarioId ?? (run.params ? `${run.params.workers} ${run.params.workload} ${run.params.kind} workers` : 'run'));
  const title = `Corelanes · ${what}`;
  const m = trace.machine;
  const parallelism = trace.metrics ? ` · parallelism ${trace.metrics.parallelism.toFixed(2)}` : '';
  const subtitle = `${m.logicalCores} cores · ${m.cpuModel} · started ${when(run.startedAt)} · showing ${formatTime(fromMs)} to ${formatTime(toMs)} of ${formatTime(run.wallMs)}${parallelism}`;

  // A legend taller than a quarter of the picture (a thumbnail) is left out rather than drawn over the lanes.
  const allGroups = legendGroups(trace.tasks, theme);
  const fullHeight = (legendRows(allGroups, width, fontPx).at(-1)?.y ?? 0) + Math.round(fontPx * 1.5) + 8;
  const legend = fullHeight <= height / 4 ? allGroups : [];
  const legendHeight = legend.length ? fullHeight : 0;
  const atMs = options.atMs;
  // The spawn phase (workers starting in bounded batches) as a note, as the page's Tasks view shows it.
  const phase = spawnPhaseNote(model.spawnPhase, model.endMs, atMs ?? null);
  const notes = [...(phase ? [phase] : []), ...trace.annotations].filter((a) => a.endMs >= fromMs && a.startMs <= toMs && (atMs === undefined || a.startMs <= atMs));
  // Notes' labels get rows of their own under the title (up to 3, 1 in a small picture; then they take turns), never over a heading.
  const noteRow = Math.round(fontPx * 1.5);
  const notesTop = Math.round(fontPx * 3.2);
  const gutter = Math.round(Math.max(110, Math.min(280, width * 0.14)));
  const viewport = { t0: fromMs, t1: toMs };
  // Time -> x depends on the width only, so the labels can be placed before the heights are known.
  const timeX = computeLayout({ width, height: 100, laneCount: 1, viewport, gutter }).x;
  const labels = placeLabels(notes, (t) => timeX(Math.max(t, fromMs)), width, fontPx, height >= 500 ? 3 : 1);
  const noteRows = labels.reduce((a, l) => Math.max(a, l.row + 1), 0);
  const titleHeight = notesTop + (noteRows ? noteRows * noteRow + 4 : 0);
  const headingHeight = Math.round(fontPx * 1.7);
  const kinds: TimelineViewKind[] = options.views === 'cores' || options.views === 'tasks' ? [options.views] : ['cores', 'tasks'];
  const lanesOf = kinds.map((k) => buildLanes(k, model, theme, -1));
  const stripHeight = kinds.includes('cores') ? Math.round(Math.max(36, Math.min(height / 9, fontPx * 6))) : 0;
  const room = Math.max(40, height - titleHeight - legendHeight - kinds.length * headingHeight - stripHeight);
  const totalLanes = lanesOf.reduce((a, l) => a + Math.max(1, l.length), 0);
  const axisHeight = Math.round(fontPx * 1.4);
  // Taller lanes than the app (34 px) when there is room: a picture is looked at from further away.
  const maxLaneHeight = Math.max(34, Math.round(height / 11));

  const minShare = Math.min(axisHeight + 20, Math.floor(room / kinds.length));
  const sections: PictureSection[] = [];
  let strip: Picture['strip'] = null;
  let y = titleHeight;
  kinds.forEach((kind, i) => {
    const lanes = lanesOf[i] as LaneDescriptor[];
    // Each view gets its axis and a little room, then the rest in proportion to its lanes.
    const share = minShare + Math.floor(((room - minShare * kinds.length) * Math.max(1, lanes.length)) / totalLanes);
    let layout = computeLayout({ width, height: share, laneCount: lanes.length, viewport, gutter, axisHeight, maxLaneHeight, minLaneHeight: 3 });
    // Lanes are capped in height: the section takes only what they need.
    if (layout.contentHeight + 4 < share) layout = computeLayout({ width, height: layout.contentHeight + 4, laneCount: lanes.length, viewport, gutter, axisHeight, maxLaneHeight, minLaneHeight: 3 });
    sections.push({ kind, title: VIEW_TITLES[kind], top: y, layoutTop: y + headingHeight, layout, lanes });
    y += headingHeight + layout.height;
    if (kind === 'cores') {
      const geom = { plotLeft: layout.plotLeft, plotWidth: layout.plotWidth, top: y + 2, height: stripHeight - 6 };
      strip = { geom, pic: parallelismPicture(model, theme, fromMs, toMs, layout.plotWidth, atMs) };
      y += stripHeight;
    }
  });
  const legendTop = Math.max(y, Math.min(height - legendHeight, y + Math.round(fontPx * 0.5)));
  const picture: Picture = { width, height, theme, colors, fontPx, title, subtitle, fromMs, toMs, sections, legend, legendTop, notes: [], strip, model, ...(atMs === undefined ? {} : { atMs }) };
  picture.notes = labels.map((l) => noteMark(picture, l.note, l.text, l.x, notesTop + l.row * noteRow + noteRow / 2));
  return picture;
}

/** Where a lane of a task is, in picture pixels: its Tasks lane (or null when not shown). */
function taskLaneY(picture: Picture, taskId: string): { y0: number; y1: number } | null {
  const section = picture.sections.find((s) => s.kind === 'tasks');
  if (!section) return null;
  const index = section.lanes.findIndex((l) => l.key === `task-${taskId}`);
  if (index < 0) return null;
  const y0 = section.layoutTop + laneTop(section.layout, index);
  return { y0, y1: y0 + section.layout.laneHeight };
}

function clampX(picture: Picture, x: number): number {
  const layout = (picture.sections[0] as PictureSection).layout;
  return Math.max(layout.plotLeft, Math.min(layout.plotLeft + layout.plotWidth, x));
}

/**
 * Places notes' labels left to right in at most `maxRows` rows: each at its
 * time in the first row with room, else after the shortest row, cut with an
 * ellipsis when even that is too narrow (the full text stays in the SVG's
 * <title> and in the trace).
 */
export function placeLabels(notes: readonly Annotation[], x: (t: number) => number, width: number, fontPx: number, maxRows: number): { note: Annotation; row: number; x: number; text: string }[] {
  const ends: number[] = [];
  const right = width - 10;
  return [...notes]
    .sort((a, b) => a.startMs - b.startMs)
    .map((note) => {
      const w = textWidth(note.text, fontPx);
      const wanted = Math.max(10, Math.min(x(note.startMs) + 4, right - w));
      let row = ends.findIndex((end) => wanted >= end);
      if (row < 0 && ends.length < maxRows) row = ends.push(0) - 1;
      if (row < 0) row = ends.indexOf(Math.min(...ends));
      let at = Math.max(wanted, ends[row] as number);
      let text = note.text;
      if (at + w > right) {
        const room = Math.floor((right - at) / (fontPx * 0.56)) - 1;
        text = room > 0 ? `${note.text.slice(0, room)}…` : '…';
        at = Math.min(at, right - textWidth(text, fontPx));
      }
      ends[row] = at + textWidth(text, fontPx) + 12;
      return { note, row, x: at, text };
    });
}

/** An annotation's band (its time, over its task's lane or every lane), label (placed by placeLabels) and arrow from it. */
function noteMark(picture: Picture, note: Annotation, text: string, labelX: number, labelY: number): NoteMark {
  const first = picture.sections[0] as PictureSection;
  const last = picture.sections.at(-1) as PictureSection;
  const x = first.layout.x;
  const x0 = clampX(picture, x(note.startMs));
  const x1 = Math.max(x0 + 2, clampX(picture, x(note.endMs)));
  const lane = note.taskId ? taskLaneY(picture, note.taskId) : null;
  const y0 = lane?.y0 ?? first.layoutTop + first.layout.lanesTop;
  const y1 = lane?.y1 ?? last.layoutTop + last.layout.contentHeight;
  const target = note.arrow ? taskLaneY(picture, note.arrow.taskId) : null;
  const arrow = note.arrow && target ? { x0: labelX + 4, y0: labelY + picture.fontPx * 0.7, x1: clampX(picture, x(note.arrow.tMs)), y1: (target.y0 + target.y1) / 2 } : null;
  return { id: note.id, text, fullText: note.text, x0, x1, y0, y1, labelX, labelY, arrow };
}

/** The Scene a section's painter draws: the app's painter, with the picture's colours. */
export function sectionScene(picture: Picture, section: PictureSection, dpr = 1): Scene {
  const c = picture.colors;
  return {
    layout: section.layout,
    lanes: section.lanes,
    model: picture.model,
    dpr,
    colors: { page: pack(c.page), pageCss: c.page, lane: pack(c.lane), text: c.text, muted: c.muted, select: c.select },
    fontPx: picture.fontPx,
    coreNumbers: section.kind === 'tasks',
    marks: section.kind === 'tasks' ? taskMarks(picture.model.tasks) : [],
    ...(picture.atMs === undefined ? {} : { untilMs: picture.atMs, playhead: c.playhead }),
  };
}

