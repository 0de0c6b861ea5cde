import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artifact } from './support/artifacts';
import { launch } from './support/browser';
import { hookState } from './support/hook';
import { startWebServer, type WebServer } from './support/web-server';
import { testPageUrl } from './support/page-url';

// A preset's verdict card in the real renderer, from a real preset run in
// `corelanes web`: the status in words, the one sentence, the numbers and a
// d3 chart, where the timeline would be (these presets have none). Light and
// dark, 1280x720; the screenshots go to test/artifacts (docs/screenshots holds
// the looked-at copies, never overwritten by a test).
let server: WebServer;
beforeAll(async () => {
  server = await startWebServer();
});
afterAll(async () => {
  await server?.stop();
});

const STATUS_WORDS = /^(✓ |◐ |✗ |\? )?(Supported|Partly supported|Not supported|Inconclusive)$/;

async function runPreset(page: Page, id: string): Promise<void> {
  await page.getByText('connected', { exact: true }).waitFor({ timeout: 15_000 });
  const before = (await hookState(page)).runId;
  await page.getByLabel('Scenario', { exact: true }).selectOption(id);
  await page.getByRole('button', { name: 'Start run' }).click();
  // A new run (not the replay of the server's last one), then its verdict.
  const until = Date.now() + 30_000;
  while ((await hookState(page)).runId === before) {
    if (Date.now() > until) throw new Error(`preset ${id} did not start`);
    await page.waitForTimeout(200);
  }
  await page.getByTestId('verdict-status').waitFor({ timeout: 150_000 });
}

async function checkCard(page: Page, chartKind: RegExp) {
  const result = page.getByTestId('timeless-result');
  await expect(result.isVisible()).resolves.toBe(true);
  // The timeline (empty for these presets) is hidden, and so are "0 workers" and a 0 µs wall time.
  await expect(page.getByTestId('timeline-tasks').isVisible()).resolves.toBe(false);
  await expect(page.getByTestId('run-summary').count()).resolves.toBe(0);
  const status = (await page.getByTestId('verdict-status').textContent())?.trim() ?? '';
  expect(status).toMatch(STATUS_WORDS);
  const explanation = (await page.getByTestId('verdict-explanation').textContent()) ?? '';
  expect(explanation.length).toBeGreaterThan(30);
  // Labelled numbers with units, and the chart as an image with a text alternative.
  expect(await result.locator('.verdict-number dt').count()).toBeGreaterThan(2);
  const chart = result.locator(`.verdict-chart svg[role="img"]`).first();
  expect(await chart.getAttribute('aria-label')).toMatch(chartKind);
  return { status, explanation };
}

/** A fresh headless Chromium at 1280x720 in one theme; fails the test on any page error. */
async function inPage(colorScheme: 'light' | 'dark', body: (page: Page) => Promise<void>): Promise<void> {
  const b = await launch({ colorScheme });
  const errors: string[] = [];
  b.page.on('pageerror', (e) => errors.push(e.message));
  try {
    await b.page.goto(testPageUrl(server));
    await body(b.page);
    expect(errors).toEqual([]);
  } finally {
    await b.close();
  }
}

describe('verdict card', () => {
  it('race-counter (light): status, the sentence, numbers and the count-per-try bars against the expected count', async () => {
    await inPage('light', async (page) => {
      await runPreset(page, 'race-counter');
      const { explanation } = await checkCard(page, /^Count each try ended with: plain 1 .*; expected [\d,]+$/);
      expect(explanation).toMatch(/plain counter|Inconclusive/);
      await page.screenshot({ path: artifact('verdict-race-counter-light.png') });
    });
  });

  it('message-cost (dark): latency against payload, log-log, one line per path', async () => {
    await inPage('dark', async (page) => {
      await runPreset(page, 'message-cost');
      expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
      const { explanation } = await checkCard(page, /^One-way latency against payload \(median\)\. clone to a thread: 1 KiB/);
      expect(explanation).toMatch(/at 64MB a clone to a thread took .* ms|^Inconclusive: |^A process was not slower than a thread: at \d+MB/);
      const legend = await page.getByTestId('timeless-result').locator('.chart-legend li').allTextContents();
      expect(legend).toEqual(['clone to a thread', 'transfer to a thread', 'shared buffer', 'copy to a process']);
      await page.screenshot({ path: artifact('verdict-message-cost-dark.png') });

      // The page also got the server's previous run replayed (race-counter, the test before): both are listed and compare side by side.
      const history = page.getByTestId('verdict-history');
      const picks = history.getByRole('checkbox');
      expect(await history.locator('label').allTextContents()).toEqual([expect.stringMatching(/^message-cost: /), expect.stringMatching(/^race-counter: /)]);
      await picks.nth(0).check();
      await picks.nth(1).check();
      const compare = page.getByTestId('verdict-compare');
      await compare.waitFor({ timeout: 5000 });
      expect(await compare.getByTestId('verdict-card').count()).toBe(2);
      expect(await compare.locator('h2').first().textContent()).toBe('Compare: race-counter and message-cost');
      await page.screenshot({ path: artifact('verdict-compare-dark.png') });
    });
  });
});
