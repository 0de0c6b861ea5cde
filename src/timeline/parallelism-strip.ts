import type { Canvas2D } from './canvas';
import { spaceColor, taskColorsByTask, type ColorMode, type Theme } from './colors';
import type { TimelineModel } from './model';
import { binParallelism, columnTotals, parallelismGroups, runningLanes, type ParallelismGroups } from './parallelism';

/**
 * The "Parallelism over time" strip under the core lanes: per pixel column,
 * how many of the run's tasks ran, stacked and coloured as the Cores view
 * above it colours its slices (by process or by task), on a y axis from 0 to the core count (higher only if the data is),
 * with a line at the core count. Pure data here; paintParallelism draws it on
 * a canvas (the page and the PNG export), export/svg.ts as SVG.
 */
export interface ParallelismPicture {
  columns: number;
  groups: number;
  /** Mean running tasks per column and group: series[c * groups + g]. */
  series: Float32Array;
  totals: Float32Array;
  /** What a group is: a process (address space) or a task, as the Cores view colours them. */
  by: ColorMode;
  /** CSS colour per group (its process's hue, or its task's colour). */
  colors: string[];
  labels: string[];
  cores: number;
  /** Top of the y axis: the core count, or more when the data goes above it. */
  yMax: number;
}

/** Where the strip goes: the plot's columns line up with the lanes' above it. */
export interface StripGeometry {
  plotLeft: number;
  plotWidth: number;
  top: number;
  height: number;
}

/** Buffers reused between frames (allocating per frame costs more than binning). */
export interface StripBuffers {
  scratch: Float32Array;
  series: Float32Array;
}

export function newStripBuffers(): StripBuffers {
  return { scratch: new Float32Array(0), series: new Float32Array(0) };
}

function grown(a: Float32Array, n: number): Float32Array {
  return a.length >= n ? a : new Float32Array(Math.ceil(n * 1.25));
}

export function parallelismPicture(
  model: TimelineModel,
  theme: Theme,
  t0: number,
  t1: number,
  columns: number,
  untilMs = Infinity,
  buffers = newStripBuffers(),
  colorMode: ColorMode = 'process',
): ParallelismPicture {
  const groups = parallelismGroups(model.tasks, colorMode);
  const g = groups.keys.length;
  buffers.scratch = grown(buffers.scratch, columns * Math.max(1, g));
  buffers.series = grown(buffers.series, columns * Math.max(1, g));
  binParallelism(runningLanes(model), groups, t0, (t1 - t0) / columns, columns, buffers.scratch, buffers.series, untilMs);
  const totals = columnTotals(buffers.series, columns, g);
  let peak = 0;
  for (let c = 0; c < columns; c++) peak = Math.max(peak, totals[c] as number);
  const cores = Math.max(1, model.machine?.logicalCores ?? model.coreCount());
  return {
    columns,
    groups: g,
    by: colorMode,
    series: buffers.series,
    totals,
    ...groupLooks(model, groups, theme),
    cores,
    yMax: Math.max(cores, Math.ceil(peak - 0.05)),
  };
}

/** Each group's colour and name, as the Cores view and its legend show it. */
function groupLooks(model: TimelineModel, groups: ParallelismGroups, theme: Theme): { colors: string[]; labels: string[] } {
  if (groups.by === 'task') {
    const colors = taskColorsByTask(model.tasks, theme);
    return { colors: groups.keys.map((k) => colors[k as number] as string), labels: groups.keys.map((k) => model.tasks[k as number]?.label ?? '') };
  }
  return {
    colors: groups.keys.map((s) => spaceColor(model.tasks, s, theme)),
    labels: groups.keys.map((s) => (s === null ? 'address space unknown' : `pid ${s}`)),
  };
}

/** The stack's rectangles, one per column and group, in CSS pixels (shared by the canvas and the SVG). */
export function stripBars(pic: ParallelismPicture, geom: StripGeometry): { x: number; y: number; w: number; h: number; group: number }[] {
  const out: { x: number; y: number; w: number; h: number; group: number }[] = [];
  const perTask = geom.height / pic.yMax;
  const bottom = geom.top + geom.height;
  // Runs of columns with the same stack become one rectangle each (a steady run is a few rects, not thousands).
  let from = 0;
  const same = (a: number, b: number) => {
    for (let k = 0; k < pic.groups; k++) if (Math.round((pic.series[a * pic.groups + k] as number) * perTask) !== Math.round((pic.series[b * pic.groups + k] as number) * perTask)) return false;
    return true;
  };
  for (let c = 1; c <= pic.columns; c++) {
    if (c < pic.columns && same(c, from)) continue;
    let y = bottom;
    for (let k = 0; k < pic.groups; k++) {
      const h = Math.round((pic.series[from * pic.groups + k] as number) * perTask);
      if (h <= 0) continue;
      out.push({ x: geom.plotLeft + from, y: y - h, w: c - from, h, group: k });
      y -= h;
    }
    from = c;
  }
  return out;
}

/** y-axis ticks: every whole number of tasks from 0 to yMax (every other one when they would crowd). */
export function stripTicks(pic: ParallelismPicture, geom: StripGeometry, fontPx: number): { y: number; value: number }[] {
  const step = Math.max(1, Math.ceil((pic.yMax * fontPx) / Math.max(1, geom.height)));
  const out: { y: number; value: number }[] = [];
  for (let v = 0; v <= pic.yMax; v += step) out.push({ value: v, y: geom.top + geom.height - (v / pic.yMax) * geom.height });
  return out;
}

export function coreLineY(pic: ParallelismPicture, geom: StripGeometry): number {
  return geom.top + geom.height - (pic.cores / pic.yMax) * geom.height;
}

export interface StripColors {
  lane: string;
  text: string;
  muted: string;
  grid: string;
}

/** Draws the strip: background, stacked bars, the y axis with its ticks, the core-count line and a title in the gutter. */
export function paintParallelism(ctx: Canvas2D, pic: ParallelismPicture, geom: StripGeometry, colors: StripColors, fontPx: number): void {
  ctx.fillStyle = colors.lane;
  ctx.fillRect(geom.plotLeft, geom.top, geom.plotWidth, geom.height);
  for (const b of stripBars(pic, geom)) {
    ctx.fillStyle = pic.colors[b.group] as string;
    ctx.fillRect(b.x, b.y, b.w, b.h);
  }
  const small = Math.max(8, Math.round(fontPx * 0.85));
  ctx.strokeStyle = colors.grid;
  ctx.lineWidth = 1;
  ctx.font = `${small}px system-ui, sans-serif`;
  ctx.fillStyle = colors.muted;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of stripTicks(pic, geom, small)) {
    ctx.beginPath();
    ctx.moveTo(geom.plotLeft - 4, Math.round(t.y) + 0.5);
    ctx.lineTo(geom.plotLeft, Math.round(t.y) + 0.5);
    ctx.stroke();
    ctx.fillText(String(t.value), geom.plotLeft - 6, Math.min(geom.top + geom.height - small / 2, Math.max(geom.top + small / 2, t.y)));
  }
  const y = Math.round(coreLineY(pic, geom)) + 0.5;
  ctx.strokeStyle = colors.text;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let x = geom.plotLeft; x < geom.plotLeft + geom.plotWidth; x += 8) {
    ctx.moveTo(x, y);
    ctx.lineTo(Math.min(x + 4, geom.plotLeft + geom.plotWidth), y);
  }
  ctx.stroke();
  ctx.textAlign = 'start';
  ctx.fillStyle = colors.text;
  ctx.font = `600 ${Math.min(fontPx, Math.max(8, geom.height / 3))}px system-ui, sans-serif`;
  ctx.fillText('parallelism', 10, geom.top + geom.height / 2 - fontPx * 0.6, geom.plotLeft - 30);
  ctx.font = `${small}px system-ui, sans-serif`;
  ctx.fillStyle = colors.muted;
  ctx.fillText(`tasks running · ${pic.cores} cores`, 10, geom.top + geom.height / 2 + fontPx * 0.6, geom.plotLeft - 30);
}
