import { describe, expect, it } from 'vitest';
import { launch } from './support/browser';
import { webServerForFile } from './support/web-server';
import { testPageUrl } from './support/page-url';

// The live view repaints only what changed (new strip, shifted pixels while scrolling).
// Whatever it draws incrementally must equal a full redraw of the same data, pixel for pixel.
const server = webServerForFile();

type Hook = {
  model: { reset(id: string, machine: unknown): void };
  view: { startRun(ms: number): void; setViewport(v: { t0: number; t1: number }, byUser: boolean): void; setUntil(t: number | null): void; following: boolean; viewport: { t0: number; t1: number } };
  appendSynthetic(lanes: number, count: number, from: number, to: number, seed: number): void;
  scheduler: { fixedLiveGapMs: number | null };
  drawNow(kind: string): number;
  state(): { frames: number };
  paintCounts(kind: string): { full: number; strip: number; shifted: number };
};

/** The few browser globals the page function uses (this file is type-checked without the DOM library). */
type PageGlobals = {
  requestAnimationFrame(cb: () => void): number;
  document: {
    querySelector(selector: string): {
      width: number;
      height: number;
      getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
    } | null;
  };
};

describe('incremental painting', () => {
  for (const view of ['tasks', 'cores'] as const) {
    it(`${view} view: streaming and scrolling paint the same pixels as a full redraw`, async () => {
      const b = await launch();
      const errors: string[] = [];
      b.page.on('pageerror', (e) => errors.push(e.message));
      try {
        await b.page.goto(testPageUrl(server, `?view=${view}`));
        await b.page.getByText('connected', { exact: true }).waitFor({ timeout: 15_000 });
        const result = await b.page.evaluate(async (kind) => {
          const hook = (globalThis as unknown as { __corelanesBench: Hook }).__corelanesBench;
          const page = globalThis as unknown as PageGlobals;
          const frame = () => new Promise((r) => page.requestAnimationFrame(() => setTimeout(r, 0)));
          hook.scheduler.fixedLiveGapMs = 100; // as ?live-gap-ms=100: this test counts strips, not the budget
          hook.model.reset('incremental', { os: 'linux', kernel: '', arch: 'x64', cpuModel: 't', logicalCores: 2, coresObservable: true, runtimes: {} });
          hook.view.startRun(1000); // a 1 s window: 3 s of data scrolls it
          for (let i = 0; i < 30; i++) {
            hook.appendSynthetic(4, 40, i * 100, (i + 1) * 100, i + 1);
            await new Promise((r) => setTimeout(r, 130)); // past the live frame gap, fixed below
            await frame();
          }
          const before = hook.paintCounts(kind);
          const canvas = page.document.querySelector(`canvas[data-testid="timeline-${kind}"]`);
          const ctx = canvas?.getContext('2d');
          if (!canvas || !ctx) throw new Error('no canvas');
          const read = () => new Uint32Array(ctx.getImageData(0, 0, canvas.width, canvas.height).data.buffer.slice(0));
          const incremental = read();
          hook.drawNow(kind);
          const full = read();
          let differ = 0;
          for (let i = 0; i < full.length; i++) if (full[i] !== incremental[i]) differ++;
          return { differ, total: full.length, viewport: hook.view.viewport, following: hook.view.following, counts: before };
        }, view);
        expect(result.following).toBe(true);
        expect(result.viewport.t0).toBeGreaterThan(1500); // it did scroll
        // The incremental paths were really taken: strips while the window filled, shifts once it scrolled.
        expect(result.counts.strip).toBeGreaterThan(3);
        expect(result.counts.shifted).toBeGreaterThan(3);
        expect(result.differ).toBe(0);
        expect(errors).toEqual([]);
      } finally {
        await b.close();
      }
    });
  }

  it('tasks view: scrubbing a replay paints strips from the earlier time, the same pixels as a full redraw', async () => {
    const b = await launch();
    try {
      await b.page.goto(testPageUrl(server, '?view=tasks'));
      await b.page.getByText('connected', { exact: true }).waitFor({ timeout: 15_000 });
      const result = await b.page.evaluate(() => {
        const hook = (globalThis as unknown as { __corelanesBench: Hook }).__corelanesBench;
        const page = globalThis as unknown as PageGlobals;
        hook.model.reset('scrub', { os: 'linux', kernel: '', arch: 'x64', cpuModel: 't', logicalCores: 2, coresObservable: true, runtimes: {} });
        hook.appendSynthetic(6, 3000, 0, 3000, 5);
        hook.view.setViewport({ t0: 0, t1: 3000 }, true);
        hook.drawNow('tasks');
        const canvas = page.document.querySelector('canvas[data-testid="timeline-tasks"]');
        const ctx = canvas?.getContext('2d');
        if (!canvas || !ctx) throw new Error('no canvas');
        const read = () => new Uint32Array(ctx.getImageData(0, 0, canvas.width, canvas.height).data.buffer.slice(0));
        const before = hook.paintCounts('tasks').strip;
        let differ = 0;
        // Forward, back, out of the replay and in again: each step as a strip, then a full redraw of the same state.
        for (const t of [1500, 1800, 700, 2950, null, 400]) {
          hook.view.setUntil(t);
          hook.drawNow('tasks');
          const strip = read();
          hook.drawNow('tasks');
          const full = read();
          for (let i = 0; i < full.length; i++) if (full[i] !== strip[i]) differ++;
        }
        return { differ, strips: hook.paintCounts('tasks').strip - before };
      });
      expect(result.strips).toBe(6);
      expect(result.differ).toBe(0);
    } finally {
      await b.close();
    }
  });
});
