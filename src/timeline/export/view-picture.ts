import type { Annotation } from '../../shared';
import { THEME_COLORS, type ColorMode, type Theme } from '../colors';
import type { TimelineModel } from '../model';
import { noteBands } from '../note-marks';
import { parallelismPicture } from '../parallelism-strip';
import { spawnPhaseNote } from '../phase-band';
import type { NoteMark, Picture, PictureSection } from './picture';

/** One view as the page shows it: its heading's and canvas's top in the picture, its layout and lanes. */
export type ViewSection = PictureSection;

export interface ViewPictureInput {
  model: TimelineModel;
  theme: Theme;
  fontPx: number;
  width: number;
  height: number;
  /** What the picture is of (the SVG's <title>). */
  title: string;
  sections: ViewSection[];
  notes: readonly Annotation[];
  /** The replay's time, or null for everything recorded. */
  untilMs: number | null;
  /** Where the page shows its parallelism strip in the picture (its canvas's top and height), or null when it is not shown. */
  strip?: { top: number; height: number } | null;
  /** The Cores view's colour mode, which the strip's stack follows. */
  colorMode?: ColorMode;
}

/**
 * The picture of the page's current view, for its Export PNG / SVG buttons:
 * the views' own layouts and lanes (same window, same level of detail, same
 * lane heights) at the places the page shows them, with the notes as the page
 * draws them. paintPicture and pictureToSvg then draw it as they draw the
 * CLI's pictures. Pure.
 */
export function viewPicture(input: ViewPictureInput): Picture {
  const first = input.sections[0];
  if (!first) throw new Error('no timeline view is shown to export');
  const [fromMs, toMs] = first.layout.x.domain() as [number, number];
  const sections: PictureSection[] = input.sections.map((s) => ({ ...s }));
  // The spawn phase over the Tasks view, as the page draws it there.
  const phase = spawnPhaseNote(input.model.spawnPhase, input.model.endMs, input.untilMs);
  const notes: NoteMark[] = input.sections.flatMap((s) =>
    noteBands(s.kind === 'tasks' && phase ? [phase, ...input.notes] : input.notes, s.layout, s.lanes, input.fontPx).map((b) => ({
      id: b.id,
      text: b.label,
      fullText: b.text,
      x0: b.x0,
      x1: b.x1,
      y0: b.y0 + s.layoutTop,
      y1: b.y1 + s.layoutTop,
      labelX: b.labelX,
      labelY: b.labelY + s.layoutTop,
      arrow: b.arrow && { x0: b.arrow.x0, y0: b.arrow.y0 + s.layoutTop, x1: b.arrow.x1, y1: b.arrow.y1 + s.layoutTop },
    })),
  );
  return {
    width: input.width,
    height: input.height,
    theme: input.theme,
    colors: THEME_COLORS[input.theme],
    fontPx: input.fontPx,
    title: input.title,
    subtitle: '',
    fromMs,
    toMs,
    sections,
    legend: [],
    legendTop: input.height,
    notes,
    // The page's strip, drawn where the page shows it with the same geometry as its own canvas (top and bottom 3 px inside).
    strip: input.strip
      ? {
          geom: { plotLeft: first.layout.plotLeft, plotWidth: first.layout.plotWidth, top: input.strip.top + 3, height: input.strip.height - 6 },
          pic: parallelismPicture(input.model, input.theme, fromMs, toMs, first.layout.plotWidth, input.untilMs ?? Infinity, undefined, input.colorMode),
        }
      : null,
    model: input.model,
    bare: true,
    ...(input.untilMs === null ? {} : { atMs: input.untilMs }),
  };
}
