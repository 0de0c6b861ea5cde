import type { Annotation, Disposer } from '../../shared';
import type { ColorMode, Theme } from '../../timeline/colors';
import { fitAll, follow, pan, zoom, type Viewport } from '../../timeline/viewport';

export type ViewMode = 'cores' | 'tasks' | 'both';
export type ChangeCause = 'user' | 'data';

/** How long a run counts as starting (its panels appearing): its views' resizes wait for the next live frame. */
const STARTING_RUN_MS = 2000;

/**
 * What both timeline views share: the time window, follow-live, the selected
 * task, theme and text size. Changing it notifies the views, which schedule a
 * frame; React is not involved.
 */
export class TimelineViewState {
  viewport: Viewport = { t0: 0, t1: 10_000 };
  following = true;
  selectedTask = -1;
  theme: Theme = 'light';
  fontPx = 12;
  /** A replay's time: the views show the run as it was then; null = everything recorded. */
  untilMs: number | null = null;
  /** The Cores view's colours: one per task (tell threads of one process apart) or by process. C toggles. */
  colorMode: ColorMode = 'task';
  /** Lane filter: leave out Corelanes' own threads (main, sampler). */
  hideOwnThreads = false;
  /**
   * "Measure first, draw after": while a run goes on the views draw nothing
   * (the page shows progress only), so the page takes the fewest cycles from
   * the run; the whole timeline appears when it ends. M toggles.
   */
  measureFirst = false;
  /** A run is going on (between startRun and endRun). */
  live = false;
  /** The run's notes, drawn over the lanes. */
  notes: readonly Annotation[] = [];
  version = 0;
  /** One pixel column in ms, reported by the views, so following scrolls in whole columns. */
  snapMs = 0;
  private readonly listeners = new Set<(cause: ChangeCause) => void>();

  /** `cause` is 'data' when only following live data moved the window (views may throttle those). */
  onChange(listener: (cause: ChangeCause) => void): Disposer {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A user gesture (zoom, pan) stops following live data; F resumes it. */
  setViewport(v: Viewport, byUser: boolean): void {
    if (byUser) this.following = false;
    this.viewport = v;
    this.changed();
  }

  /** Called when data arrived: keeps the newest data in view while following. */
  dataChanged(endMs: number): void {
    if (!this.following) return;
    const next = follow(this.viewport, endMs, this.snapMs);
    if (next.t0 === this.viewport.t0 && next.t1 === this.viewport.t1) return;
    this.viewport = next;
    this.changed('data');
  }

  /** The views hold their drawing: measure first, and a run is going on. */
  get holding(): boolean {
    return this.measureFirst && this.live;
  }

  setMeasureFirst(on: boolean): void {
    if (on === this.measureFirst) return;
    this.measureFirst = on;
    this.changed();
  }

  /** When the latest run started (performance.now()). */
  private runStartedAt = -Infinity;

  /** The first seconds of a live run, while its panels appear and the views change size several times. */
  get startingRun(): boolean {
    return this.live && performance.now() - this.runStartedAt < STARTING_RUN_MS;
  }

  /** A new run: follow it, showing its whole planned length while it fits. */
  startRun(durationMs: number): void {
    this.live = true;
    this.runStartedAt = performance.now();
    this.following = true;
    this.untilMs = null;
    this.selectedTask = -1;
    this.viewport = { t0: 0, t1: Math.min(Math.max(durationMs, 1000), 60_000) * 1.02 };
    this.changed();
  }

  /** The run ended: nothing more to follow, so a view that was following shows the whole run; a view the user set stays. */
  endRun(endMs: number): void {
    const held = this.holding;
    this.live = false;
    if (!this.following) {
      if (held) this.changed(); // what was held is drawn now
      return;
    }
    this.following = false;
    this.viewport = fitAll(endMs);
    this.changed();
  }

  setFollowing(on: boolean, endMs: number): void {
    this.following = on;
    if (on) this.viewport = follow(this.viewport, endMs);
    this.changed();
  }

  setUntil(untilMs: number | null): void {
    if (untilMs === this.untilMs) return;
    this.untilMs = untilMs;
    this.changed();
  }

  setNotes(notes: readonly Annotation[]): void {
    if (notes === this.notes) return;
    this.notes = notes;
    this.changed();
  }

  /** Shows a time range with a margin either side (a note, from the list or in presentation). */
  showRange(startMs: number, endMs: number): void {
    const span = Math.max(endMs - startMs, 50);
    const pad = span * 0.5;
    this.setViewport({ t0: Math.max(0, startMs - pad), t1: endMs + pad + (span === endMs - startMs ? 0 : span) }, true);
  }

  setColorMode(mode: ColorMode): void {
    if (mode === this.colorMode) return;
    this.colorMode = mode;
    this.changed();
  }

  setHideOwnThreads(hide: boolean): void {
    if (hide === this.hideOwnThreads) return;
    this.hideOwnThreads = hide;
    this.changed();
  }

  select(task: number): void {
    this.selectedTask = task;
    this.changed();
  }

  setTheme(theme: Theme, fontPx: number): void {
    if (theme === this.theme && fontPx === this.fontPx) return;
    this.theme = theme;
    this.fontPx = fontPx;
    this.changed();
  }

  /** Perfetto's keys: W/S zoom, A/D pan, F follow live, 0 fit all; C switches the Cores view's colours, M measure first. Returns whether the key was used. */
  key(key: string, endMs: number): boolean {
    // While following, zoom about the newest data (not the empty future at the right edge).
    const { t0, t1 } = this.viewport;
    const anchor = this.following ? Math.min(1, Math.max(0, (endMs - t0) / (t1 - t0))) : 0.5;
    switch (key.toLowerCase()) {
      case 'w':
        this.setViewport(zoom(this.viewport, 1.25, anchor), true);
        return true;
      case 's':
        this.setViewport(zoom(this.viewport, 1 / 1.25, anchor), true);
        return true;
      case 'a':
        this.setViewport(pan(this.viewport, -0.15), true);
        return true;
      case 'd':
        this.setViewport(pan(this.viewport, 0.15), true);
        return true;
      case 'f':
        this.setFollowing(true, endMs);
        return true;
      case '0':
        this.setViewport(fitAll(endMs), true);
        return true;
      case 'c':
        this.setColorMode(this.colorMode === 'task' ? 'process' : 'task');
        return true;
      case 'm':
        this.setMeasureFirst(!this.measureFirst);
        return true;
      default:
        return false;
    }
  }

  private changed(cause: ChangeCause = 'user'): void {
    this.version++;
    for (const l of this.listeners) l(cause);
  }
}
