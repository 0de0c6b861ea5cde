import type { PaintSurface } from '../canvas';
import { CanvasPainter } from '../painter';
import { replayChangedFrom } from '../replay/changed-from';
import type { TimelineViewKind } from '../lane-builder';
import { paintPicture } from './paint-picture';
import { sectionScene, type Picture, type PictureSection } from './picture';

interface SectionPaint {
  surface: PaintSurface;
  painter: CanvasPainter;
  key: string;
}

/**
 * Paints a video's frames one after another (page and CLI): the pictures of
 * one window at later and later times. Each view keeps its own canvas and
 * painter, so a frame repaints only the columns from where the last frame's
 * time cut a slice (the painter's strip path) instead of every lane: the same
 * pixels as paintPicture alone, for a fraction of the work. A frame earlier
 * than the last, or a changed window or size, is painted whole.
 */
export class VideoFramePainter {
  private readonly sections = new Map<TimelineViewKind, SectionPaint>();
  private lastAt: number | null = null;

  /** Views painted whole and as a strip so far (tests check the strip path is taken). */
  get counts(): { full: number; strip: number } {
    let full = 0;
    let strip = 0;
    for (const { painter } of this.sections.values()) {
      full += painter.counts.full;
      strip += painter.counts.strip;
    }
    return { full, strip };
  }

  constructor(private readonly createSurface: (width: number, height: number) => PaintSurface) {}

  paint(picture: Picture, target: PaintSurface): void {
    paintPicture(picture, target, this.createSurface, { painted: (section) => this.lanes(picture, section) });
    this.lastAt = picture.atMs ?? null;
  }

  private lanes(picture: Picture, section: PictureSection): PaintSurface {
    const { layout } = section;
    let entry = this.sections.get(section.kind);
    if (!entry || entry.surface.width !== picture.width || entry.surface.height !== layout.height) {
      const surface = this.createSurface(picture.width, layout.height);
      entry = { surface, painter: new CanvasPainter(surface), key: '' };
      this.sections.set(section.kind, entry);
    }
    const [t0, t1] = layout.x.domain() as [number, number];
    const key = `${t0}|${t1}|${layout.height}|${layout.laneHeight}|${section.lanes.length}|${picture.theme}|${picture.fontPx}`;
    const at = picture.atMs;
    const onward = entry.key === key && this.lastAt !== null && at !== undefined && at >= this.lastAt;
    entry.painter.draw(sectionScene(picture, section), onward ? replayChangedFrom(section.lanes, this.lastAt as number) : -Infinity);
    entry.key = key;
    return entry.surface;
  }
}
