import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { artifact } from './support/artifacts';
import { launch } from './support/browser';
import { hookState } from './support/hook';
import { repoRoot, webServerForFile } from './support/web-server';
import { testPageUrl } from './support/page-url';

// "Run my own program" in the real renderer against `corelanes web` (loopback: allowed):
// the working directory it shows, a relative script path, the exit status, stdout and
// stderr tails, the GIL verdict and the inferred GIL lane of two CPU-bound CPython threads.
const server = webServerForFile();

describe('Run my own program', () => {
  it('shows where it runs, how it ended, what it printed, its GIL verdict and the inferred GIL lane (light and dark)', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const b = await launch({ colorScheme });
      const errors: string[] = [];
      b.page.on('pageerror', (e) => errors.push(e.message));
      try {
        const page = b.page;
        await page.goto(testPageUrl(server, 'view=tasks'));
        await page.getByText('connected', { exact: true }).waitFor({ timeout: 15_000 });
        // Folded until wanted; it opens itself when the server's last traced program is replayed to the page, maybe meanwhile.
        const panel = page.locator('details.trace-command');
        const cwd = page.getByLabel('Working directory');
        await expect
          .poll(async () => {
            if ((await panel.getAttribute('open')) === null) await page.getByText('Run my own program').click();
            return cwd.isVisible();
          }, { timeout: 10_000, interval: 500 })
          .toBe(true);
        // The default is the folder `corelanes web` was started in (the repository here), shown as the placeholder.
        await expect.poll(() => cwd.getAttribute('placeholder')).toBe(repoRoot);
        await cwd.fill(join(repoRoot, 'test/fixtures/python'));
        // A relative script path, resolved in that folder; output on both streams and exit code 3.
        await page.getByLabel('Command line').fill(`sh -c "python3 ./two_cpu_threads.py 1.5; echo oops >&2; exit 3"`);
        // The server replays its last run to a new page: wait for this program's own run to end.
        await page.waitForTimeout(1000);
        const before = (await hookState(page)).runId;
        await page.getByRole('button', { name: 'Trace', exact: true }).click();
        await expect.poll(async () => { const s = await hookState(page); return s.runId !== before && s.status === 'ended'; }, { timeout: 60_000, interval: 250 }).toBe(true);
        const outcome = page.getByTestId('program-outcome');
        await outcome.waitFor({ timeout: 60_000 });
        expect(await outcome.locator('strong').textContent()).toBe('exit code 3');
        expect(await outcome.textContent()).toContain(join(repoRoot, 'test/fixtures/python'));
        expect(await outcome.getByLabel('stdout of the program').textContent()).toMatch(/^done \[\d+, \d+\]/);
        expect(await outcome.getByLabel('stderr of the program').textContent()).toBe('oops\n');
        // The GIL verdict of the traced program, and one inferred GIL lane drawn on top of the Tasks view.
        await page.getByTestId('verdict-status').waitFor({ timeout: 15_000 });
        expect(await page.getByTestId('verdict-explanation').textContent()).toMatch(/CPU-hungry threads|busy|No two threads|too short/);
        const state = await hookState(page);
        expect(state.inferredGilPids).toHaveLength(1);
        // The shell that forked python3 and waited is folded into it; the toolbar offers to show it.
        expect(state.wrappers).toBeGreaterThanOrEqual(1);
        const show = page.getByRole('button', { name: /^Show \d+ wrapper process/ });
        await show.waitFor({ timeout: 5000 });
        // Shown again, the wrappers get their lanes and their entries in the Cores view's legend back; folded, both go.
        await page.getByRole('button', { name: 'Side by side' }).click();
        const legend = page.getByLabel('Legend');
        const folded = await legend.textContent();
        expect(folded).toContain('Cores view, by task');
        await show.click();
        await expect.poll(() => legend.textContent(), { timeout: 5000 }).not.toBe(folded);
        await page.getByRole('button', { name: /^Fold \d+ wrapper process/ }).click();
        await expect.poll(() => legend.textContent(), { timeout: 5000 }).toBe(folded);
        await page.getByRole('button', { name: 'Tasks', exact: true }).click();
        // A traced program's first instruction is not observable: its spawn latency is "unknown", never a made-up 0 µs.
        expect(await page.locator('dt', { hasText: 'spawn latency' }).locator('xpath=following-sibling::dd[1]').textContent()).toBe('unknown');
        await page.screenshot({ path: artifact(`run-my-program-${colorScheme}.png`), fullPage: false });
        expect(errors).toEqual([]);
      } finally {
        await b.close();
      }
    }
  });
});
