import { axisTop, select, zoom as d3zoom, zoomIdentity, type ZoomTransform } from 'd3';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { formatTime, tickCount } from '../../timeline/axis';
import { pack, STATE_LABELS, THEME_COLORS } from '../../timeline/colors';
import { hitTestLane } from './hit-test';
import { buildLanes, INFERRED_GIL_LANE, type TimelineViewKind } from '../../timeline/lane-builder';
import type { LaneDescriptor } from '../../timeline/lanes';
import { computeLayout, laneAt, type TimelineLayout } from '../../timeline/layout';
import type { TimelineModel } from '../../timeline/model';
import { CanvasPainter, type PaintStats } from '../../timeline/painter';
import type { FrameScheduler } from './scheduler';
import { placeTip } from './tip-position';
import { applyZoomStep } from '../../timeline/viewport';
import type { TimelineViewState } from './view-state';
import { formatMs } from '../../shared';
import { noteBands } from '../../timeline/note-marks';
import { spawnPhaseNote } from '../../timeline/phase-band';
import { drawPhaseBands, placeBandRects } from './phase-band-svg';
import { laneSizing } from './lane-sizing';
import { markAt, placeMarks, taskMarks, type MarkPlace, type TaskMark } from '../../timeline/task-marks';
import { replayChangedFrom } from '../../timeline/replay/changed-from';

export interface TimelineHandle {
  /** Draws now, synchronously (benchmarks), returning the painter's stats. */
  drawNow(): PaintStats | null;
  layout(): TimelineLayout | null;
  /** The lanes last drawn (the picture exports draw them again). */
  lanes(): LaneDescriptor[] | null;
  /** The canvas it draws on (the live recording composites it). */
  canvas(): HTMLCanvasElement;
  /** Frames painted in full, as a changed strip, or by shifting pixels. */
  paintCounts(): { full: number; strip: number; shifted: number };
  /** The spawn, exit and crash marks where they were last drawn (the tooltips' hit areas). */
  marks(): MarkPlace[];
}

interface Props {
  kind: TimelineViewKind;
  model: TimelineModel;
  view: TimelineViewState;
  scheduler: FrameScheduler;
  /** Registers this view's handle (for the test hook); returns nothing. */
  onHandle?: (kind: TimelineViewKind, handle: TimelineHandle | null) => void;
}

/** The views' spoken descriptions (aria-label) follow a live run every 2 s: each change is a React render and a style pass. */
export const LABEL_GAP_MS = 2000;

interface Tip {
  x: number;
  y: number;
  lines: string[];
}

/**
 * One timeline view (Cores or Tasks) on a canvas. Drawing happens in the
 * shared frame scheduler when data, viewport, size or theme changed; React
 * renders this component once and then only for the tooltip.
 */
export function TimelineView({ kind, model, view, scheduler, onHandle }: Props) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const axisRef = useRef<SVGGElement>(null);
  const notesRef = useRef<SVGSVGElement>(null);
  const [tip, setTip] = useState<Tip | null>(null);
  const [ariaLabel, setAriaLabel] = useState('');
  const last = useRef<{ layout: TimelineLayout; lanes: LaneDescriptor[]; marks: readonly TaskMark[] } | null>(null);
  // Where the marks were drawn: the tooltips' hit areas (and the test hook's view of them), cut at the replay time.
  const placedMarks = (shown: { layout: TimelineLayout; lanes: LaneDescriptor[]; marks: readonly TaskMark[] }): MarkPlace[] =>
    placeMarks(shown.marks, shown.lanes, shown.layout, view.untilMs ?? Infinity);
  const tipRef = useRef<HTMLDivElement>(null);

  // The tip is fixed in the viewport, placed once its size is known: never clipped by the panel, flipped near edges.
  useLayoutEffect(() => {
    const el = tipRef.current;
    if (!el || !tip) return;
    const r = el.getBoundingClientRect();
    const at = placeTip({ x: tip.x, y: tip.y }, { width: r.width, height: r.height }, { width: window.innerWidth, height: window.innerHeight });
    el.style.left = `${at.left}px`;
    el.style.top = `${at.top}px`;
    el.style.visibility = 'visible';
  }, [tip]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const wrap = wrapRef.current;
    const axisG = axisRef.current;
    if (!canvas || !wrap || !axisG) return;
    const painter = new CanvasPainter(canvas);
    let size = { width: wrap.clientWidth, height: wrap.clientHeight };
    let drawnKey = '';
    let labelTimer = 0;

    let layoutKey = '';
    let builtLanesKey = '';
    let builtLanes: LaneDescriptor[] | null = null;
    let marks: readonly TaskMark[] = [];
    let drawnModelVersion = -1;
    // What the last frame showed besides the lanes' data: a replay step that changes only the time repaints a strip.
    let drawnUntil: number | null = null;
    let drawnView = '';
    let drawnNotes: unknown = null;
    let drawnPhase = '';

    // The spawn phase's band over the Tasks view: redrawn when the geometry or the phase moved (it grows while it is open).
    const paintPhase = (layout: TimelineLayout, lanes: LaneDescriptor[], force: boolean): void => {
      const svg = notesRef.current;
      if (!svg) return;
      const note = kind === 'tasks' ? spawnPhaseNote(model.spawnPhase, model.endMs, view.untilMs) : null;
      const key = note ? `${note.startMs}|${note.endMs}|${note.text}` : '';
      if (!force && key === drawnPhase) return;
      drawnPhase = key;
      drawPhaseBands(svg, note ? noteBands([note], layout, lanes, view.fontPx) : [], view.fontPx);
    };

    const paint = (force: boolean): PaintStats | null => {
      if (view.holding) return null; // measure first: drawn in full when the run ends
      const dpr = window.devicePixelRatio || 1;
      const key = `${model.version}|${view.version}|${size.width}x${size.height}|${dpr}`;
      if (!force && key === drawnKey) return null;
      drawnKey = key;
      if (size.width < 10 || size.height < 10) return null;
      // Lane descriptors (palettes, labels) change with tasks, theme, selection and core count, not with segments.
      const lanesKey = `${model.tasksRevision}|${model.runId}|${view.theme}|${view.selectedTask}|${model.coreCount()}|${model.showsUnknownCoreLane()}|${model.gilLane.length > 0}|${view.colorMode}|${view.hideOwnThreads}`;
      if (lanesKey !== builtLanesKey || !builtLanes) {
        builtLanes = buildLanes(kind, model, view.theme, view.selectedTask, { colorMode: view.colorMode, hideOwnThreads: view.hideOwnThreads });
        builtLanesKey = lanesKey;
        // Spawn, exit and crash marks live on the Tasks lanes; they change with the tasks.
        marks = kind === 'tasks' ? taskMarks(model.tasks) : [];
      }
      const lanes = builtLanes;
      // Same layout as last time and only segments arrived: repaint from the earliest changed time.
      const geometryKey = `${size.width}x${size.height}|${dpr}|${model.tasksRevision}|${lanes.length}|${view.theme}|${view.selectedTask}|${view.fontPx}|${view.colorMode}|${view.hideOwnThreads}`;
      const nextLayoutKey = `${view.version}|${geometryKey}`;
      const sameLayout = !force && nextLayoutKey === layoutKey && last.current !== null;
      // Following a run longer than the window: the viewport moved by whole columns (view.snapMs), so shift the pixels.
      let shift = 0;
      if (!force && !sameLayout && last.current && view.following && geometryKey === layoutKey.slice(layoutKey.indexOf('|') + 1)) {
        const [p0, p1] = last.current.layout.x.domain() as [number, number];
        const { t0, t1 } = view.viewport;
        const perColumn = (p1 - p0) / last.current.layout.plotWidth;
        const k = (t0 - p0) / perColumn;
        if (Math.abs(t1 - t0 - (p1 - p0)) <= 1e-9 * (t1 - t0) && k > 0.5 && Math.abs(k - Math.round(k)) < 1e-3 && k < last.current.layout.plotWidth) {
          shift = Math.round(k);
        }
      }
      // Scrubbing or playing a replay: same geometry, window, notes and data, only the time moved. The pixels
      // change only from the earlier of the two times (from the start of a slice cut there): paint that strip.
      const viewNow = `${geometryKey}|${view.viewport.t0}|${view.viewport.t1}`;
      const untilOnly = !sameLayout && shift === 0 && last.current !== null && viewNow === drawnView && view.notes === drawnNotes && model.version === drawnModelVersion && view.untilMs !== drawnUntil;
      const changedFrom = untilOnly
        ? replayChangedFrom(lanes, Math.min(drawnUntil ?? Infinity, view.untilMs ?? Infinity))
        : sameLayout || shift > 0
          ? model.changedSince(drawnModelVersion)
          : -Infinity;
      drawnView = viewNow;
      drawnNotes = view.notes;
      drawnUntil = view.untilMs;
      layoutKey = nextLayoutKey;
      drawnModelVersion = model.version;
      if (sameLayout && changedFrom === Infinity) {
        if (last.current) paintPhase(last.current.layout, lanes, false);
        return null;
      }
      let layout: TimelineLayout;
      if ((sameLayout || untilOnly) && last.current) layout = last.current.layout;
      else if (shift > 0 && last.current) {
        layout = computeLayout({ width: size.width, height: last.current.layout.height, laneCount: lanes.length, viewport: view.viewport, ...laneSizing(view.fontPx) });
      } else {
        layout = computeLayout({ width: size.width, height: size.height, laneCount: lanes.length, viewport: view.viewport, ...laneSizing(view.fontPx) });
        if (layout.contentHeight + 4 < size.height) {
          // Lanes are capped in height: a canvas no taller than they need costs less to composite on every frame.
          const height = layout.contentHeight + 4;
          layout = computeLayout({ width: size.width, height, laneCount: lanes.length, viewport: view.viewport, ...laneSizing(view.fontPx) });
          canvas.style.height = `${height}px`;
        } else {
          canvas.style.height = '';
        }
      }
      view.snapMs = (view.viewport.t1 - view.viewport.t0) / layout.plotWidth;
      const theme = THEME_COLORS[view.theme];
      const stats = painter.draw(
        {
          layout,
          lanes,
          model,
          dpr,
          colors: { page: pack(theme.page), pageCss: theme.page, lane: pack(theme.lane), text: theme.text, muted: theme.muted, select: theme.select },
          fontPx: view.fontPx,
          coreNumbers: kind === 'tasks',
          marks,
          ...(view.untilMs === null ? {} : { untilMs: view.untilMs, playhead: theme.playhead }),
        },
        changedFrom,
        shift,
      );
      const axisChanged = !sameLayout && !untilOnly;
      last.current = { layout, lanes, marks };
      if (axisChanged && notesRef.current) drawNotes(notesRef.current, noteBands(view.notes, layout, lanes, view.fontPx), layout.height); // the height just set: reading clientHeight would lay the page out again
      paintPhase(layout, lanes, axisChanged);
      if (axisChanged) {
        select(axisG)
          .attr('transform', `translate(0, ${layout.lanesTop - 2})`)
          .call(
            axisTop(layout.x)
              .ticks(tickCount(layout))
              .tickFormat((d) => formatTime(+d)),
          );
      }
      if (!labelTimer) {
        labelTimer = window.setTimeout(() => {
          labelTimer = 0;
          const shown = last.current;
          if (!shown) return;
          const what = kind === 'cores' ? `one lane per core, slices coloured by ${view.colorMode === 'task' ? 'task' : 'process'}` : 'one lane per task, coloured by state';
          setAriaLabel(
            `${kind === 'cores' ? 'Cores' : 'Tasks'} timeline, ${what}: ${shown.lanes.length} lanes, ${formatMs(model.endMs)} recorded, showing ${formatMs(view.viewport.t0)} to ${formatMs(view.viewport.t1)}${view.following ? ', following live' : ''}.`,
          );
        }, LABEL_GAP_MS);
      }
      return stats;
    };

    const offPaint = scheduler.add(() => paint(false));
    const offModel = model.onChange(() => {
      view.dataChanged(model.endMs);
      scheduler.requestLive(view); // measure first: not even a frame
    });
    const offView = view.onChange((cause) => {
      if (cause === 'data') return scheduler.requestLive(view);
      setTip(null); // zoom, pan, keys, selection, theme: what the tip described moved
      scheduler.request();
    });
    const ro = new ResizeObserver(() => {
      const firstSize = size.width === 0 || size.height === 0;
      size = { width: wrap.clientWidth, height: wrap.clientHeight };
      scheduler.requestResized(view, firstSize);
    });
    ro.observe(wrap);

    // d3-zoom gives wheel, drag and pinch; each step is applied to the shared viewport.
    let before: ZoomTransform = zoomIdentity;
    const behaviour = d3zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([1e-9, 1e12])
      .on('start', (ev: { transform: ZoomTransform }) => {
        before = ev.transform;
      })
      .on('zoom', (ev: { transform: ZoomTransform; sourceEvent: unknown }) => {
        const shown = last.current;
        if (ev.sourceEvent && shown) {
          view.setViewport(applyZoomStep(view.viewport, shown.layout.plotWidth, before, ev.transform, shown.layout.plotLeft), true);
          setTip(null);
        }
        before = ev.transform;
      });
    select(canvas).call(behaviour).on('dblclick.zoom', null);

    onHandle?.(kind, { drawNow: () => paint(true), layout: () => last.current?.layout ?? null, lanes: () => last.current?.lanes ?? null, canvas: () => canvas, paintCounts: () => ({ ...painter.counts }),
      marks: () => (last.current ? placedMarks(last.current) : []),
    });
    return () => {
      offPaint();
      offModel();
      offView();
      ro.disconnect();
      select(canvas).on('.zoom', null);
      window.clearTimeout(labelTimer);
      onHandle?.(kind, null);
    };
  }, [kind, model, view, scheduler, onHandle]);

  const hit = (ev: React.MouseEvent<HTMLCanvasElement>) => {
    const shown = last.current;
    if (!shown) return null;
    const rect = ev.currentTarget.getBoundingClientRect();
    const x = ev.clientX - rect.left;
    const y = ev.clientY - rect.top;
    const client = { x: ev.clientX, y: ev.clientY };
    const mark = markAt(placedMarks(shown), x, y);
    if (mark) return { seg: -1, client, gil: false, mark };
    const li = laneAt(shown.layout, y);
    const lane = shown.lanes[li];
    if (!lane || x < shown.layout.plotLeft) return null;
    const t = shown.layout.x.invert(x);
    const msPerPx = (view.viewport.t1 - view.viewport.t0) / shown.layout.plotWidth;
    const seg = hitTestLane(lane.columns, t, msPerPx * 2);
    const inferredPid = lane.key.startsWith(INFERRED_GIL_LANE) ? Number(lane.key.slice(INFERRED_GIL_LANE.length)) : null;
    return seg < 0 ? null : { seg, client, gil: lane.key === 'gil' || inferredPid !== null, inferredPid, mark: null };
  };

  const gilSliceOf = (h: { seg: number; inferredPid: number | null }) => (h.inferredPid !== null ? model.inferredGilHold(h.inferredPid, h.seg) : model.gilHandover(h.seg));

  const onMove = (ev: React.MouseEvent<HTMLCanvasElement>) => {
    const h = hit(ev);
    if (!h) {
      setTip(null);
      return;
    }
    if (h.mark) return setTip({ x: h.client.x, y: h.client.y, lines: h.mark.lines });
    if (h.gil) {
      const g = gilSliceOf(h);
      if (!g) return setTip(null);
      const holder = model.tasks[g.holder];
      const previous = g.previous >= 0 ? model.tasks[g.previous] : null;
      return setTip({
        x: h.client.x,
        y: h.client.y,
        lines: [
          `GIL held by ${holder?.label ?? 'a thread'}${h.inferredPid !== null ? ' (inferred)' : ''}`,
          `from ${formatMs(g.startMs)} for ${formatMs(g.endMs - g.startMs)}`,
          previous ? `took it from ${previous.label}` : h.inferredPid !== null ? 'took it when nobody held it' : 'first holder seen',
          ...(h.inferredPid !== null ? ["inferred: a running thread holds it; CPython's GIL itself is not observed"] : []),
        ],
      });
    }
    const s = model.segments.get(h.seg);
    const task = model.tasks[s.task];
    const onCpu = s.onCpuMs > 0 ? `${s.onCpuMs.toFixed(2)} ms` : '0 ms';
    setTip({
      x: h.client.x,
      y: h.client.y,
      lines: [
        `${task?.label ?? 'task'} (${task?.kind ?? '?'})`,
        `pid ${task?.pid ?? 'unknown'} · tid ${task?.tid ?? 'unknown'}`,
        `state: ${STATE_LABELS[s.state]}`,
        `core: ${s.core ?? (s.state === 'running' ? 'unknown' : '–')}`,
        `start ${formatMs(s.start)} · duration ${formatMs(s.end - s.start)}`,
        `on CPU: ${onCpu}`,
      ],
    });
  };

  const onClick = (ev: React.MouseEvent<HTMLCanvasElement>) => {
    const h = hit(ev);
    const task = !h ? -1 : h.mark ? h.mark.task : h.gil ? (gilSliceOf(h)?.holder ?? -1) : model.segments.get(h.seg).task;
    setTip(null);
    view.select(task === view.selectedTask ? -1 : task);
  };

  return (
    <div className="timeline-view" ref={wrapRef} data-view={kind}>
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={ariaLabel || `${kind === 'cores' ? 'Cores' : 'Tasks'} timeline`}
        data-testid={`timeline-${kind}`}
        onMouseMove={onMove}
        onMouseLeave={() => setTip(null)}
        onClick={onClick}
      />
      <svg className="timeline-axis" aria-hidden="true">
        <g ref={axisRef} />
      </svg>
      <svg className="timeline-notes" ref={notesRef} aria-hidden="true" />
      {tip && (
        <div className="timeline-tip" role="tooltip" ref={tipRef} style={{ left: tip.x + 14, top: tip.y + 14, visibility: 'hidden' }}>
          {tip.lines.map((l, i) => (
            <div key={i} className={i === 0 ? 'tip-title' : undefined}>
              {l}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

/** The notes over a view: a translucent band with an outline, its text on a tab, an arrow to a slice. */
function drawNotes(svg: SVGSVGElement, bands: ReturnType<typeof noteBands>, height: number): void {
  const root = select(svg).attr('height', height);
  if (root.select('defs').empty()) {
    root
      .append('defs')
      .append('marker')
      .attr('id', 'note-arrowhead')
      .attr('viewBox', '0 0 10 10')
      .attr('refX', 9)
      .attr('refY', 5)
      .attr('markerWidth', 7)
      .attr('markerHeight', 7)
      .attr('orient', 'auto-start-reverse')
      .append('path')
      .attr('d', 'M0,0L10,5L0,10z')
      .attr('class', 'note-head');
  }
  const g = root
    .selectAll<SVGGElement, (typeof bands)[number]>('g.note')
    .data(bands, (b) => b.id)
    .join((enter) => {
      const n = enter.append('g').attr('class', 'note');
      n.append('rect').attr('class', 'note-band');
      n.append('line').attr('class', 'note-arrow').attr('marker-end', 'url(#note-arrowhead)');
      n.append('text').attr('class', 'note-text');
      return n;
    });
  g.attr('data-note', (b) => b.id);
  placeBandRects(g);
  g.select('line')
    .attr('display', (b) => (b.arrow ? null : 'none'))
    .attr('x1', (b) => b.arrow?.x0 ?? 0)
    .attr('y1', (b) => b.arrow?.y0 ?? 0)
    .attr('x2', (b) => b.arrow?.x1 ?? 0)
    .attr('y2', (b) => b.arrow?.y1 ?? 0);
  g.select('text')
    .attr('x', (b) => b.labelX)
    .attr('y', (b) => b.labelY)
    .text((b) => b.label);
}
