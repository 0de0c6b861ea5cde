import { describe, expect, it } from 'vitest';
import { artifact } from './support/artifacts';
import { launch } from './support/browser';
import { hookState } from './support/hook';
import { webServerForFile } from './support/web-server';
import { testPageUrl } from './support/page-url';

// Every run of a multi-run preset is listed and can be shown again: the crash
// preset's thread run (a thread threw) and its process run (a process
// aborted), each with the worker that did not end as planned.
const server = webServerForFile();

describe('runs this session', () => {
  it("lists both of the crash preset's runs with their crashed worker, shows the first again, and compares the two", async () => {
    const b = await launch();
    try {
      await b.page.goto(testPageUrl(server));
      await b.page.getByText('connected', { exact: true }).waitFor({ timeout: 15_000 });
      await b.page.getByLabel('Scenario', { exact: true }).selectOption('crash');
      await b.page.getByRole('button', { name: 'Start run' }).click();
      await b.page.getByTestId('verdict-status').waitFor({ timeout: 120_000 });
      const list = b.page.getByTestId('session-runs').getByRole('listitem');
      await expect.poll(() => list.count(), { timeout: 10_000 }).toBe(2);
      // Newest first: the process run, then the thread run.
      await expect(list.nth(0).textContent()).resolves.toMatch(/run 2 · .*process workers.* · process 0 (crashed|killed|exited)/);
      await expect(list.nth(1).textContent()).resolves.toMatch(/run 1 · .*thread workers.* · thread 0 crashed/);
      const last = (await hookState(b.page)).runId;
      await list.nth(1).getByRole('button', { name: 'Show' }).click();
      await expect.poll(async () => (await hookState(b.page)).runId, { timeout: 10_000 }).not.toBe(last);
      const shown = await hookState(b.page);
      expect(shown.tasks.find((t) => t.label === 'thread 0')?.exitReason).toBe('crashed');
      expect(await list.nth(1).getByRole('button', { name: 'Shown' }).getAttribute('aria-pressed')).toBe('true');
      await b.page.getByTestId('session-runs').screenshot({ path: artifact('session-runs-crash-light.png') });

      // Tick both: they replace the timeline, one above the other on one time axis, with B against A.
      await b.page.getByRole('checkbox', { name: /run 1$/ }).check();
      await b.page.getByRole('checkbox', { name: /run 2$/ }).check();
      const compare = b.page.getByTestId('run-compare');
      await compare.waitFor({ timeout: 5000 });
      expect(await b.page.getByTestId('timeline-tasks').isVisible()).toBe(false);
      await expect(compare.getByRole('row', { name: /parallelism/ }).textContent()).resolves.toMatch(/\d\.\d\d.*\d\.\d\d.*[+-]\d\.\d\d/);
      // Both pictures are drawn: most of each canvas is not one colour.
      const drawn = await compare.locator('canvas').evaluateAll((els) =>
        els.map((e) => {
          const c = e as unknown as { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
          const d = new Uint32Array(c.getContext('2d').getImageData(0, 0, c.width, c.height).data.buffer);
          return d.filter((px) => px !== d[0]).length / d.length;
        }),
      );
      expect(drawn).toHaveLength(2);
      for (const share of drawn) expect(share).toBeGreaterThan(0.05);
      await b.page.screenshot({ path: artifact('run-compare-crash-light.png') });
      await compare.getByRole('button', { name: 'Close' }).click();
      expect(await b.page.getByTestId('timeline-tasks').isVisible()).toBe(true);
    } finally {
      await b.close();
    }
  });
});
