import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artifact, publishScreenshot } from './support/artifacts';
import { launch } from './support/browser';
import { hookState } from './support/hook';
import { startWebServer, type WebServer } from './support/web-server';
import { testPageUrl } from './support/page-url';

// The default scenario (?autostart=1: 2 CPU-bound processes, then 2 worker threads join), in both themes at 1280x720.
let server: WebServer;
beforeAll(async () => {
  server = await startWebServer();
});
afterAll(async () => {
  await server?.stop();
});

/** The live default run with its 2 processes and 2 threads, 6 s in (not a replay of the server's last run: it must still be growing). */
async function untilMixedRun(page: Page) {
  const until = Date.now() + 60_000;
  let previous: { runId: string | null; endMs: number } | null = null;
  for (;;) {
    const s = await hookState(page);
    const processes = s.tasks.filter((t) => t.kind === 'process').length;
    const threads = s.tasks.filter((t) => t.kind === 'thread').length;
    const live = s.status === 'running' && previous?.runId === s.runId && s.endMs > previous.endMs;
    if (live && processes === 2 && threads === 2 && s.endMs > 6000) return s;
    previous = { runId: s.runId, endMs: s.endMs };
    if (Date.now() > until) throw new Error(`the default scenario did not reach 2 processes + 2 threads: ${JSON.stringify(s).slice(0, 300)}`);
    await page.waitForTimeout(250);
  }
}

async function stopAndWait(page: Page) {
  // On a busy machine the 10 s default run can end by itself between the screenshots and this click: nothing to stop then.
  await page.getByRole('button', { name: 'Stop run' }).click({ timeout: 5000 }).catch(() => undefined);
  await page.getByTestId('run-summary').waitFor({ timeout: 30_000 });
}

/** Leaves no run behind for the next test, even when an assertion failed. */
async function stopIfRunning(page: Page) {
  const stop = page.getByRole('button', { name: 'Stop run' });
  if (await stop.isEnabled().catch(() => false)) await stopAndWait(page).catch(() => undefined);
}

describe('screenshots of a live run', () => {
  it('light theme: the default scenario, and clicking a slice selects its task in both views', async () => {
    const b = await launch({ colorScheme: 'light' });
    try {
      await b.page.goto(testPageUrl(server, '?autostart=1'));
      await untilMixedRun(b.page);
      expect(await b.page.locator('html').getAttribute('data-theme')).toBe('light');
      await b.page.screenshot({ path: artifact('live-light.png') });
      publishScreenshot('live-light.png', 'live-run-2-processes-2-threads.png');

      // Click a process's Tasks lane half way through its life so far (running or waiting there all along; on a busy
      // machine it may have started late in the window): that task becomes selected.
      const layout = await b.page.evaluate(() => (globalThis as unknown as { __corelanesBench: { layout(k: string): { plotLeft: number; plotWidth: number; lanesTop: number; laneHeight: number; laneStep: number } } }).__corelanesBench.layout('tasks'));
      const box = await b.page.getByTestId('timeline-tasks').boundingBox();
      if (!box) throw new Error('no tasks canvas');
      const before = await hookState(b.page);
      const processTask = before.tasks.findIndex((t) => t.kind === 'process');
      const lane = before.taskOrder.indexOf(processTask);
      expect(lane).toBeGreaterThanOrEqual(0);
      const laneY = box.y + layout.lanesTop + lane * layout.laneStep + layout.laneHeight / 2;
      const { t0, t1 } = before.viewport;
      const xAt = (t: number) => box.x + layout.plotLeft + ((t - t0) / (t1 - t0)) * layout.plotWidth;
      const born = Math.max(t0, before.tasks[processTask]?.startedMs ?? t0);
      await b.page.mouse.click(xAt((born + before.endMs) / 2), laneY);
      const s = await hookState(b.page);
      expect(s.selectedTask).toBe(processTask);
      expect(s.tasks[s.selectedTask]?.kind).toBe('process');
      await b.page.mouse.move(xAt(born + (before.endMs - born) * 0.4), laneY);
      await b.page.getByRole('tooltip').waitFor({ timeout: 5000 });
      expect(await b.page.getByRole('tooltip').textContent()).toMatch(/pid \d+.*state: .*core: .*on CPU/);
      await b.page.screenshot({ path: artifact('live-light-selected.png') });
      await stopAndWait(b.page);
      await b.page.screenshot({ path: artifact('summary-light.png') });
    } finally {
      await stopIfRunning(b.page);
      await b.close();
    }
  });

  it('dark theme follows prefers-color-scheme; presentation mode is large', async () => {
    const b = await launch({ colorScheme: 'dark' });
    try {
      await b.page.goto(testPageUrl(server, '?autostart=1'));
      await untilMixedRun(b.page);
      expect(await b.page.locator('html').getAttribute('data-theme')).toBe('dark');
      const bg = await b.page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
      expect(bg).toBe('rgb(21, 24, 29)');
      await b.page.screenshot({ path: artifact('live-dark.png') });
      await b.page.getByRole('button', { name: 'Presentation' }).click();
      await b.page.waitForTimeout(400);
      const size = await b.page.evaluate<number>('parseFloat(getComputedStyle(document.body).fontSize)');
      expect(size).toBeGreaterThanOrEqual(18);
      await b.page.screenshot({ path: artifact('live-dark-presentation.png') });
      // Presentation hides the side panels (Stop run with them) and keeps the theme switch; P leaves it.
      expect(await b.page.locator('.side').isVisible()).toBe(false);
      await b.page.getByRole('button', { name: 'Dark theme' }).click();
      expect(await b.page.locator('html').getAttribute('data-theme')).toBe('light');
      await b.page.keyboard.press('p');
      await b.page.locator('.side').waitFor();
      await stopAndWait(b.page);
    } finally {
      await stopIfRunning(b.page);
      await b.close();
    }
  });
});
