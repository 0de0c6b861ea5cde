import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifact, publishScreenshot } from './support/artifacts';
import { launch, type Browser } from './support/browser';
import { testPageUrl } from './support/page-url';
import { repoRoot, startWebServer, type WebServer } from './support/web-server';

// The workshop room, two browsers on one real `corelanes web`: the leader runs
// a one-second exercise, a viewer predicts from their own page.
let server: WebServer;
const browsers: Browser[] = [];

beforeAll(async () => {
  server = await startWebServer(30_000, ['--exercises', join(repoRoot, 'test', 'e2e', 'fixtures', 'exercises')]);
});
afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  await server?.stop();
});

async function open(role: 'leader' | 'viewer', colorScheme: 'light' | 'dark') {
  const browser = await launch({ colorScheme });
  browsers.push(browser);
  const errors: string[] = [];
  browser.page.on('pageerror', (e) => errors.push(e.message));
  await browser.page.goto(testPageUrl(server, '', role));
  await browser.page.getByText('connected', { exact: true }).waitFor({ timeout: 15_000 });
  // The page follows the browser's colour scheme (no saved theme in a fresh profile).
  expect(await browser.page.locator('html').getAttribute('data-theme')).toBe(colorScheme);
  return { page: browser.page, errors };
}

describe('the workshop room', () => {
  it('a viewer predicts, the leader sees 1 answer, runs the exercise and sees the measurement; the viewer cannot start', async () => {
    const theme = process.env.UPDATE_SCREENSHOTS === '1' && process.env.ROOM_THEME === 'dark' ? 'dark' : 'light';
    const leader = await open('leader', theme);
    const viewer = await open('viewer', theme);

    // A broken file shows its file:line, and the rest still load.
    await expect(leader.page.getByTestId('exercise-problems').textContent()).resolves.toContain('broken.md:7');
    await leader.page.getByTestId('exercise-quick-workers').click();

    // The viewer sees the question and predicts from their own browser; Start and Run stay disabled.
    await viewer.page.getByTestId('exercise-question').waitFor({ timeout: 10_000 });
    expect(await viewer.page.getByTestId('exercise-quick-workers').isDisabled()).toBe(true);
    await viewer.page.getByTestId('prediction-number').fill('2');
    await viewer.page.getByTestId('prediction-submit').click();
    await leader.page.getByTestId('room-answered').filter({ hasText: /^1 answer$/ }).waitFor({ timeout: 10_000 });
    expect(await leader.page.getByTestId('room-histogram').getAttribute('aria-label')).toContain('1 between 1.5 and 2.5 workers');
    expect(await viewer.page.getByTestId('room-panel').count()).toBe(0); // hidden until the leader reveals it
    expect(await viewer.page.getByRole('button', { name: 'Start run' }).isDisabled()).toBe(true);
    expect(await viewer.page.getByTestId('exercise-run').isDisabled()).toBe(true);

    await leader.page.getByTestId('exercise-run').click();
    await leader.page.getByTestId('room-measured').waitFor({ timeout: 60_000 });
    // The run's own trace says 2 workers: the room's measured value is that, not a number of the page's.
    expect(await leader.page.getByTestId('room-measured').textContent()).toBe('2 workers');
    expect(await leader.page.getByTestId('room-answered').textContent()).toMatch(/^1 answer · measured: 2 workers$/);
    await leader.page.getByTestId('room-measured-mark').waitFor();

    // The viewer's page scores its own prediction; the leader reveals the room to everyone.
    await viewer.page.getByTestId('exercise-score').filter({ hasText: 'right' }).waitFor({ timeout: 10_000 });
    await leader.page.getByRole('button', { name: 'Reveal to the room' }).click();
    await viewer.page.getByTestId('room-panel').waitFor({ timeout: 10_000 });
    expect(await viewer.page.getByRole('button', { name: 'Start run' }).isDisabled()).toBe(true);

    await leader.page.screenshot({ path: artifact(`room-leader-${theme}.png`) });
    await viewer.page.screenshot({ path: artifact(`room-viewer-${theme}.png`) });
    publishScreenshot(`room-leader-${theme}.png`, `room-leader-${theme}.png`);
    publishScreenshot(`room-viewer-${theme}.png`, `room-viewer-${theme}.png`);

    // A reload keeps the viewer's progress (localStorage) and the room (getRoom).
    await viewer.page.reload();
    await viewer.page.getByTestId('exercise-score').filter({ hasText: 'right' }).waitFor({ timeout: 10_000 });
    expect(leader.errors.concat(viewer.errors)).toEqual([]);
  }, 120_000);
});
