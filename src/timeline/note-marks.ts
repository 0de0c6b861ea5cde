import type { Annotation } from '../shared';
import type { LaneDescriptor } from './lanes';
import { laneTop, type TimelineLayout } from './layout';

/** Where a note goes, in pixels: the band over its time and lanes, its label, its arrow (the page's views and the export picture). */
export interface NotePlace {
  id: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  labelX: number;
  labelY: number;
  /** The arrow to a task's lane at a time, when that lane is shown. */
  arrow: { x0: number; y0: number; x1: number; y1: number } | null;
}

/** A note on one view of the page; labels that would overlap go a row lower. */
export interface NoteBand extends NotePlace {
  text: string;
  /** The label as it fits before the plot's right edge. */
  label: string;
}

function laneY(layout: TimelineLayout, lanes: readonly LaneDescriptor[], taskId: string): { y0: number; y1: number } | null {
  const i = lanes.findIndex((l) => l.key === `task-${taskId}`);
  if (i < 0) return null;
  const y0 = laneTop(layout, i);
  return { y0, y1: y0 + layout.laneHeight };
}

/**
 * The notes in view as bands over a timeline view: over their task's lane
 * when this view has it (Tasks), else over every lane; at least 3 px wide so
 * a moment shows. Pure: the page draws them on an overlay.
 */
export function noteBands(notes: readonly Annotation[], layout: TimelineLayout, lanes: readonly LaneDescriptor[], fontPx = 12): NoteBand[] {
  const [t0, t1] = layout.x.domain() as [number, number];
  const left = layout.plotLeft;
  const right = layout.plotLeft + layout.plotWidth;
  const clamp = (x: number) => Math.max(left, Math.min(right, x));
  const bottom = Math.min(layout.height, layout.lanesTop + layout.laneStep * lanes.length);
  const out: NoteBand[] = [];
  // Right end of the last label in each row, per row top (labels of bands that start at the same height share rows).
  const rowEnds = new Map<number, number[]>();
  const charW = fontPx * 0.6;
  for (const n of [...notes].sort((a, b) => a.startMs - b.startMs)) {
    if (n.endMs < t0 || n.startMs > t1) continue;
    const x0 = clamp(layout.x(n.startMs));
    const x1 = Math.max(x0 + 3, clamp(layout.x(n.endMs)));
    const lane = n.taskId ? laneY(layout, lanes, n.taskId) : null;
    const target = n.arrow ? laneY(layout, lanes, n.arrow.taskId) : null;
    const y0 = lane?.y0 ?? layout.lanesTop;
    const labelX = x0 + 4;
    const room = Math.max(1, Math.floor((right - labelX) / charW));
    const label = n.text.length > room ? `${n.text.slice(0, Math.max(0, room - 1))}…` : n.text;
    const ends = rowEnds.get(y0) ?? [];
    rowEnds.set(y0, ends);
    let row = ends.findIndex((end) => end <= labelX);
    if (row < 0) row = ends.push(0) - 1;
    ends[row] = labelX + label.length * charW + 8;
    out.push({
      id: n.id,
      text: n.text,
      label,
      labelX,
      labelY: y0 + fontPx + 2 + row * (fontPx + 4),
      x0,
      x1,
      y0,
      y1: lane?.y1 ?? bottom,
      arrow: n.arrow && target ? { x0: x0 + 2, y0: y0 + 2, x1: clamp(layout.x(n.arrow.tMs)), y1: (target.y0 + target.y1) / 2 } : null,
    });
  }
  return out;
}
