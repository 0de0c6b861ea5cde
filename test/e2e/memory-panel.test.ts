import { describe, expect, it } from 'vitest';
import { artifact } from './support/artifacts';
import { launch } from './support/browser';
import { hookState } from './support/hook';
import { webServerForFile } from './support/web-server';
import { testPageUrl } from './support/page-url';

// The Memory panel with 16 real processes at 1280x720: one box for Corelanes
// with its own threads, one box per process (each its own memory), none a
// sliver, all inside the sidebar and on screen while the run goes on.
interface Rect {
  left: number;
  right: number;
  width: number;
  height: number;
}

const server = webServerForFile();

describe('the Memory panel', () => {
  it("shows 16 processes as 16 separate memories beside Corelanes' own, light and dark", async () => {
      const b = await launch();
      try {
        await b.page.goto(testPageUrl(server));
        await b.page.getByText('connected', { exact: true }).waitFor({ timeout: 15_000 });
        await b.page.getByLabel('Kind', { exact: true }).selectOption('process');
        await b.page.getByLabel('Workload', { exact: true }).selectOption('io');
        await b.page.getByLabel('Workers', { exact: true }).fill('16');
        // Long enough that the run still goes on once 16 processes have started on a busy machine.
        await b.page.getByLabel('Duration', { exact: true }).fill('6');
        // A page that joins after an earlier run replays it first: wait for our own run.
        const before = (await hookState(b.page)).runId;
        await b.page.getByRole('button', { name: 'Start run' }).click();
        await b.page.waitForFunction((id) => (globalThis as unknown as { __corelanesBench: { state(): { runId: string | null } } }).__corelanesBench.state().runId !== id, before, { timeout: 30_000 });
        const panel = b.page.getByTestId('memory-panel');
        const boxes = panel.getByLabel(/its own memory$/);
        // While the run goes on: every process has its box, and the panel is on screen without scrolling.
        const until = Date.now() + 60_000;
        while ((await boxes.count()) < 16) {
          if (Date.now() > until) throw new Error(`only ${await boxes.count()} process boxes`);
          await b.page.waitForTimeout(100);
        }
        // Status and position read together: once the run ends, its verdict and summary rightly take the top.
        const shown = (await b.page.evaluate(`(() => ({
          status: window.__corelanesBench.state().status,
          top: document.querySelector('[data-testid="memory-panel"]').getBoundingClientRect().top,
        }))()`)) as { status: string; top: number };
        expect(shown.status).toBe('running');
        expect(shown.top).toBeLessThan(720 - 150);
        await b.page.getByTestId('run-summary').waitFor({ timeout: 60_000 });

        expect(await panel.getByLabel(/^Corelanes itself/).count()).toBe(1);
        await expect(panel.locator('.memory-summary').textContent()).resolves.toMatch(/^16 processes, each with its own memory/);
        const side = await panel.boundingBox();
        if (!side) throw new Error('no memory panel');
        const rects = await boxes.evaluateAll((els) => els.map((e) => (e as unknown as { getBoundingClientRect(): { toJSON(): Rect } }).getBoundingClientRect().toJSON()));
        for (const r of rects) {
          expect(r.width).toBeGreaterThanOrEqual(18); // a box, not a sliver
          expect(r.height).toBeGreaterThanOrEqual(18);
          expect(r.left).toBeGreaterThanOrEqual(side.x);
          expect(r.right).toBeLessThanOrEqual(side.x + side.width);
        }
        // All the same size: a process's box says "one address space", its size is the bar and the tooltip.
        expect(new Set(rects.map((r) => Math.round(r.width))).size).toBe(1);
        // No box claims 0 B: a size is known, or it says so.
        await expect(panel.textContent()).resolves.not.toMatch(/\b0 B\b/);
        await panel.screenshot({ path: artifact('memory-16-processes-light.png') });
        await b.page.getByRole('button', { name: 'Dark theme' }).click();
        await panel.screenshot({ path: artifact('memory-16-processes-dark.png') });
      } finally {
        await b.close();
      }
  });
});
