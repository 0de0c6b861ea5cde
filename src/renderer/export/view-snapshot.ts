import type { TimelineViewKind } from '../../timeline/lane-builder';
import type { TimelineModel } from '../../timeline/model';
import { viewPicture, type ViewSection } from '../../timeline/export/view-picture';
import type { Picture } from '../../timeline/export/picture';
import type { Annotation } from '../../shared';
import type { TimelineHandle } from '../timeline/TimelineView';
import type { TimelineViewState } from '../timeline/view-state';

const TITLES: Record<TimelineViewKind, string> = { cores: 'Cores', tasks: 'Tasks' };

/** The on-screen box a view picture covers: from the first view's heading to the last view's lanes, as wide as the canvases. */
export interface ViewBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The shown views as the page lays them out: each view's heading and canvas
 * position (relative to the box), its current layout and lanes. Null when no
 * view has been drawn yet.
 */
export function shownViews(handles: Map<TimelineViewKind, TimelineHandle>): { box: ViewBox; sections: ViewSection[]; strip: { top: number; height: number } | null } | null {
  const shown = (['cores', 'tasks'] as const).flatMap((kind) => {
    const h = handles.get(kind);
    const layout = h?.layout();
    const lanes = h?.lanes();
    // A view hidden (a comparison or a timeless result in its place) has no box: nothing to export.
    if (!h || !layout || !lanes || h.canvas().getClientRects().length === 0) return [];
    const canvas = h.canvas().getBoundingClientRect();
    const heading = h.canvas().closest('.timeline-pane')?.querySelector('.pane-title')?.getBoundingClientRect() ?? canvas;
    return [{ kind, layout, lanes, canvas, heading }];
  });
  const first = shown[0];
  const last = shown.at(-1);
  if (!first || !last) return null;
  const left = Math.round(first.canvas.left);
  const top = Math.round(first.heading.top);
  // The box is what is on screen now: a layout change not yet painted (a panel appeared) must not make the picture
  // taller or shorter than the views the user sees; the lanes are drawn at their last layout, cut or padded.
  const box = { left, top, width: first.layout.width, height: Math.round(last.canvas.bottom) - top };
  const sections = shown.map((s) => ({ kind: s.kind, title: TITLES[s.kind], top: Math.round(s.heading.top) - top, layoutTop: Math.round(s.canvas.top) - top, layout: s.layout, lanes: s.lanes }));
  // The parallelism strip, when the page shows it inside the box (between the Cores and the Tasks view).
  const stripCanvas = first.canvas && handles.get(first.kind)?.canvas().closest('.timeline-views')?.querySelector('.parallelism-strip canvas');
  const s = stripCanvas?.getClientRects().length ? stripCanvas.getBoundingClientRect() : null;
  const strip = s && s.top >= top && s.bottom <= top + box.height ? { top: Math.round(s.top) - top, height: Math.round(s.height) } : null;
  return { box, sections, strip };
}

/** The picture of the current view (window, level of detail, replay time, notes, theme), for Export PNG / SVG and recording. */
export function currentViewPicture(handles: Map<TimelineViewKind, TimelineHandle>, view: TimelineViewState, model: TimelineModel, notes: readonly Annotation[], title: string): Picture | null {
  const shown = shownViews(handles);
  if (!shown) return null;
  return viewPicture({ model, theme: view.theme, fontPx: view.fontPx, width: shown.box.width, height: shown.box.height, title, sections: shown.sections, notes, untilMs: view.untilMs, strip: shown.strip, colorMode: view.colorMode });
}
