import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifact } from './support/artifacts';
import { launch } from './support/browser';
import { hookState } from './support/hook';
import { startWebServer, type WebServer } from './support/web-server';
import { testPageUrl } from './support/page-url';

// Every run of a multi-run preset is listed and can be shown again: the crash
// preset's thread run (a thread threw) and its process run (a process
// aborted), each with the worker that did not end as planned.
let server: WebServer;
beforeAll(async () => {
  server = await startWebServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('runs this session', () => {
  it("lists both of the crash preset's runs with their crashed worker, and shows the first again", async () => {
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
    } finally {
      await b.close();
    }
  });
});
