import { useEffect, useState } from 'react';
import type { Annotation } from '../../shared';
import type { TimelineViewState } from '../timeline/view-state';

function isField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName));
}

/** The next note's index from `current` (-1: none shown yet) in time order, one step left or right, or -1 when there are none. */
export function stepNote(count: number, current: number, direction: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return direction > 0 ? 0 : count - 1;
  return Math.max(0, Math.min(count - 1, current + direction));
}

/**
 * The presentation keys: P toggles presentation; in it, the arrow keys step
 * through the run's notes in time order, zooming each one's range into view,
 * and the note shown is returned for the caption above the lanes.
 */
export function usePresentationKeys(presentation: boolean, toggle: () => void, notes: readonly Annotation[], view: TimelineViewState): { shownNote: Annotation | null } {
  const [index, setIndex] = useState(-1);
  const ordered = [...notes].sort((a, b) => a.startMs - b.startMs || a.id.localeCompare(b.id));
  const shown = presentation && index >= 0 ? (ordered[index] ?? null) : null;

  useEffect(() => {
    if (!presentation) setIndex(-1);
  }, [presentation]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isField(e.target)) return;
      if (e.key === 'p' || e.key === 'P') {
        e.preventDefault();
        toggle();
        return;
      }
      if (!presentation || (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft')) return;
      e.preventDefault();
      setIndex((i) => {
        const next = stepNote(ordered.length, i, e.key === 'ArrowRight' ? 1 : -1);
        const note = ordered[next];
        if (note) view.showRange(note.startMs, note.endMs);
        return next;
      });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [presentation, toggle, ordered, view]);
  return { shownNote: shown };
}
