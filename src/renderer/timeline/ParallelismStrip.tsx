import { useEffect, useRef, useState } from 'react';
import { formatMs } from '../../shared';
import { THEME_COLORS } from '../../timeline/colors';
import { computeLayout } from '../../timeline/layout';
import type { TimelineModel } from '../../timeline/model';
import { newStripBuffers, paintParallelism, parallelismPicture, type ParallelismPicture } from '../../timeline/parallelism-strip';
import { laneSizing } from './lane-sizing';
import type { FrameScheduler } from './scheduler';
import { LABEL_GAP_MS } from './TimelineView';
import type { TimelineViewState } from './view-state';

/** What the strip drew last (the test hook reads it): per-column totals over [t0, t1). */
export interface StripHandle {
  last(): { t0: number; t1: number; totals: number[]; cores: number; yMax: number; colors: string[]; labels: string[] } | null;
}

interface Props {
  model: TimelineModel;
  view: TimelineViewState;
  scheduler: FrameScheduler;
  onHandle?: (handle: StripHandle | null) => void;
}

/**
 * "Parallelism over time" under the core lanes: how many of the run's tasks
 * run at each moment, stacked and coloured as the Cores view colours its slices (by task or by process), on the lanes' time axis. Follows
 * the shared viewport, live data and a replay's time like the lanes do.
 */
export function ParallelismStrip({ model, view, scheduler, onHandle }: Props) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [label, setLabel] = useState('Parallelism over time');

  useEffect(() => {
    const canvas = canvasRef.current;
    const wrap = wrapRef.current;
    if (!canvas || !wrap) return;
    const buffers = newStripBuffers();
    let size = { width: wrap.clientWidth, height: wrap.clientHeight };
    let drawnKey = '';
    let shown: { t0: number; t1: number; pic: ParallelismPicture } | null = null;
    let labelTimer = 0;

    const paint = () => {
      if (view.holding) return;
      const dpr = window.devicePixelRatio || 1;
      const key = `${model.version}|${view.version}|${size.width}x${size.height}|${dpr}`;
      if (key === drawnKey || size.width < 10 || size.height < 10) return;
      drawnKey = key;
      const ctx = canvas.getContext('2d', { alpha: false });
      if (!ctx) return;
      // Setting a canvas's size, even to the same value, reallocates it and lays the page out again: only on a change.
      const width = Math.round(size.width * dpr);
      const height = Math.round(size.height * dpr);
      if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width;
        canvas.height = height;
      }
      const { t0, t1 } = view.viewport;
      const layout = computeLayout({ width: size.width, height: size.height, laneCount: 1, viewport: view.viewport, ...laneSizing(view.fontPx) });
      const pic = parallelismPicture(model, view.theme, t0, t1, layout.plotWidth, view.untilMs ?? Infinity, buffers, view.colorMode);
      const theme = THEME_COLORS[view.theme];
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.fillStyle = theme.page;
      ctx.fillRect(0, 0, size.width, size.height);
      paintParallelism(ctx, pic, { plotLeft: layout.plotLeft, plotWidth: layout.plotWidth, top: 3, height: size.height - 6 }, theme, view.fontPx);
      shown = { t0, t1, pic };
      if (!labelTimer) {
        labelTimer = window.setTimeout(() => {
          labelTimer = 0;
          if (!shown) return;
          const totals = shown.pic.totals;
          let peak = 0;
          for (const v of totals) peak = Math.max(peak, v);
          setLabel(`Parallelism over time: tasks of the run running at once, stacked by ${shown.pic.by}, from ${formatMs(shown.t0)} to ${formatMs(shown.t1)}; at most ${peak.toFixed(1)} of ${shown.pic.cores} cores.`);
        }, LABEL_GAP_MS);
      }
    };
    const offPaint = scheduler.add(paint);
    const live = (): void => scheduler.requestLive(view);
    const offModel = model.onChange(live);
    const offView = view.onChange((cause) => (cause === 'data' ? live() : scheduler.request()));
    const ro = new ResizeObserver(() => {
      const firstSize = size.width === 0 || size.height === 0;
      size = { width: wrap.clientWidth, height: wrap.clientHeight };
      scheduler.requestResized(view, firstSize);
    });
    ro.observe(wrap);
    onHandle?.({ last: () => (shown ? { t0: shown.t0, t1: shown.t1, totals: Array.from(shown.pic.totals), cores: shown.pic.cores, yMax: shown.pic.yMax, colors: shown.pic.colors, labels: shown.pic.labels } : null) });
    return () => {
      offPaint();
      offModel();
      offView();
      ro.disconnect();
      window.clearTimeout(labelTimer);
      onHandle?.(null);
    };
  }, [model, view, scheduler, onHandle]);

  return (
    <div className="parallelism-strip" ref={wrapRef} role="img" aria-label={label} data-testid="parallelism-strip">
      <canvas ref={canvasRef} aria-hidden="true" />
    </div>
  );
}
