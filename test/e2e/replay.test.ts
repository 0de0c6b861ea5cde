import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artifact } from './support/artifacts';
import { openTracePage } from './support/open-trace';
import { hookState } from './support/hook';
import { repoRoot, startWebServer, type WebServer } from './support/web-server';

// A real recorded run (2 CPU-bound processes, 1.5 s, from the CLI), opened in the page and replayed.
interface Seg {
  taskId: string;
  startMs: number;
  endMs: number;
  state: string;
  core: number | null;
}
let server: WebServer;
let dir: string;
let tracePath: string;
let segments: Seg[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'corelanes-replay-'));
  tracePath = join(dir, 'run.corelanes.json');
  execFileSync(process.execPath, [join(repoRoot, 'out', 'cli', 'corelanes.js'), 'run', '--kind', 'process', '--workers', '2', '--duration', '1.5', '--out', tracePath, '--json'], { stdio: 'ignore' });
  segments = (JSON.parse(readFileSync(tracePath, 'utf8')) as { segments: Seg[] }).segments;
  server = await startWebServer();
});
afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Test-side: core c's busy share over [from, to], straight from the trace file. */
function busyIn(core: number, from: number, to: number): number {
  let busy = 0;
  for (const s of segments) if (s.state === 'running' && s.core === core) busy += Math.max(0, Math.min(to, s.endMs) - Math.max(from, s.startMs));
  return Math.min(1, busy / (to - from));
}
/** Core c's busy share over the live bars' window [t - 500, t]. */
const busyAt = (core: number, t: number): number => busyIn(core, Math.max(0, t - 500), t);

interface ReplayHook {
  tMs: number | null;
  playing: boolean;
  speed: number;
  endMs: number;
  untilMs: number | null;
}
const replay = (page: Page) => page.evaluate(() => (globalThis as unknown as { __corelanesBench: { replay(): ReplayHook } }).__corelanesBench.replay());
const laneFill = (page: Page, lane: number, from?: number, to?: number) =>
  page.evaluate(
    ([l, a, b]) => (globalThis as unknown as { __corelanesBench: { laneFill(k: string, l: number, a?: number, b?: number): number } }).__corelanesBench.laneFill('cores', l, a ?? undefined, b ?? undefined),
    [lane, from ?? null, to ?? null] as const,
  );

/** A fresh page with the recorded trace opened; page errors collected. */
const openTrace = (colorScheme: 'light' | 'dark') => openTracePage(server, tracePath, colorScheme);

describe('replay of a recorded run', () => {
  it('plays at 4x, pauses and steps by key; the cores and the metrics at t match the trace at t; the lanes end at t', async () => {
    const { b, page, errors } = await openTrace('light');
    try {
      await page.getByRole('button', { name: 'Replay' }).waitFor();
      const whole = await hookState(page);
      expect(whole.status).toBe('ended');
      // The run's spawn phase: a labelled band over the Tasks view (from the trace's spawn-phase markers), none over Cores.
      await expect.poll(() => page.locator('[data-view="tasks"] .timeline-notes g.phase text').textContent()).toMatch(/^spawn phase over: 2 workers up in .+, at most \d+ starting at once$/);
      expect(await page.locator('[data-view="cores"] .timeline-notes g.phase').count()).toBe(0);

      // 1x -> 2x -> 4x with ']', then Space plays from the start.
      await page.keyboard.press(']');
      await page.keyboard.press(']');
      expect((await replay(page)).speed).toBe(4);
      await page.keyboard.press(' ');
      // Run time advances 4x the page's own clock; the clock moves once per frame, so each reading may be a frame late (the longest gap seen).
      const rate = await page.evaluate<{ run: number; wall: number; gap: number }>(`(async () => {
        const hook = window.__corelanesBench;
        hook.clock.seek(0); // from the start, so the window below ends well before the run does
        hook.clock.play();
        const stamps = [];
        let on = true;
        const loop = (t) => { stamps.push(t); if (on) requestAnimationFrame(loop); };
        requestAnimationFrame(loop);
        await new Promise((r) => setTimeout(r, 50));
        const a = { t: hook.replay().tMs, now: performance.now() };
        await new Promise((r) => setTimeout(r, 250));
        const z = { t: hook.replay().tMs, now: performance.now() };
        on = false;
        let gap = 0;
        for (let i = 1; i < stamps.length; i++) gap = Math.max(gap, stamps[i] - stamps[i - 1]);
        return { run: z.t - a.t, wall: z.now - a.now, gap };
      })()`);
      expect(rate.run).toBeLessThanOrEqual(4 * (rate.wall + 2 * rate.gap));
      expect(rate.run).toBeGreaterThanOrEqual(4 * (rate.wall - 2 * rate.gap));
      // Space pauses and plays (at 0.25x from 100 ms, so the run cannot end in between on a busy machine).
      await page.getByRole('slider', { name: 'Replay time' }).fill('100');
      await page.evaluate('document.activeElement && document.activeElement.blur()');
      for (let i = 0; i < 4; i++) await page.keyboard.press('[');
      expect(await replay(page)).toMatchObject({ speed: 0.25, playing: false, tMs: 100 });
      await page.keyboard.press(' ');
      expect((await replay(page)).playing).toBe(true);
      await page.keyboard.press(' ');
      let r = await replay(page);
      expect(r.playing).toBe(false);
      // Step to where core 0 was busiest before and after (on a busy machine the run may have left it idle for a while), then one frame forward by key.
      let target = Math.min(r.endMs - 200, 1300);
      for (let c = 450; c < r.endMs - 250; c += 25) {
        const score = (x: number) => Math.min(busyIn(0, x - 367, x + 13), busyIn(0, x + 53, r.endMs));
        if (score(c) > score(target)) target = c;
      }
      await page.getByRole('slider', { name: 'Replay time' }).fill(String(target));
      await page.evaluate('document.activeElement && document.activeElement.blur()');
      await page.keyboard.press('.');
      r = await replay(page);
      expect(r.tMs).toBeCloseTo(target + 1000 / 30, 3);
      expect(r.untilMs).toBe(r.tMs);
      const t = r.tMs as number;
      await page.getByText(/^Metrics at .* \(replay\)$/).waitFor();
      const shown = await page.getByRole('meter').evaluateAll((els) => els.map((e) => Number(e.getAttribute('aria-valuenow'))));
      expect(shown.length).toBeGreaterThanOrEqual(2);
      shown.forEach((pct, core) => expect(Math.abs(pct - busyAt(core, t) * 100)).toBeLessThanOrEqual(1));
      // The Cores lanes are drawn up to t and empty after it (the picture as it was at t).
      const wholeEnd = whole.endMs;
      const before = await laneFill(page, 0, Math.max(0, t - 400), t - 20);
      const after = await laneFill(page, 0, t + 20, wholeEnd);
      // Drawn in proportion to what the trace says core 0 ran then (the trace is the truth; a busy machine changes it).
      const ranBefore = busyIn(0, Math.max(0, t - 400), t - 20);
      const ranAfter = busyIn(0, t + 20, wholeEnd);
      expect(ranBefore, 'core 0 ran in the window before t').toBeGreaterThan(0.05);
      expect(before).toBeGreaterThan(0.5 * ranBefore);
      expect(after).toBe(0);
      await page.screenshot({ path: artifact('replay-light.png') });
      // Escape: the whole run again.
      await page.keyboard.press('Escape');
      expect((await replay(page)).tMs).toBeNull();
      expect(await laneFill(page, 0, t + 20, wholeEnd)).toBeGreaterThan(0.5 * ranAfter);
      expect(errors).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('adds 2 notes (one on a task with an arrow), draws them, saves them in the trace, reopens them and steps through them in presentation', async () => {
    const { b, page, errors } = await openTrace('dark');
    try {
      await page.getByRole('button', { name: 'Add note' }).waitFor();
      const add = async (text: string, from: number, to: number, task: string | null, arrow: string | null) => {
        await page.getByRole('button', { name: 'Add note' }).click();
        await page.getByLabel('Note', { exact: true }).fill(text);
        await page.getByLabel('From (ms)').fill(String(from));
        await page.getByLabel('To (ms)').fill(String(to));
        if (task) await page.getByLabel('Task', { exact: true }).selectOption({ label: task });
        if (arrow) await page.getByLabel('Arrow to').selectOption({ label: arrow });
        await page.getByRole('button', { name: 'Add', exact: true }).click();
      };
      // An empty note is refused in words.
      await page.getByRole('button', { name: 'Add note' }).click();
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page.getByRole('alert').getByText('Write the note first.').waitFor();
      await page.getByRole('button', { name: 'Cancel' }).click();
      await add('process 0 and process 1 share two cores', 600, 900, 'process 0', 'process 1');
      await add('the run ends', 1400, 1400, null, null);
      await expect.poll(() => page.locator('.timeline-notes g.note').count()).toBeGreaterThanOrEqual(4); // both views
      await page.screenshot({ path: artifact('notes-dark.png') });
      const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save trace' }).click()]);
      const savedPath = join(dir, 'with-notes.corelanes.json');
      await saved.saveAs(savedPath);
      const file = JSON.parse(readFileSync(savedPath, 'utf8')) as { version: number; annotations: { text: string; taskId: string | null; arrow: unknown }[] };
      expect(file.version).toBe(2);
      expect(file.annotations.map((a) => a.text)).toEqual(['process 0 and process 1 share two cores', 'the run ends']);
      expect(file.annotations[0]).toMatchObject({ taskId: 'w0', arrow: { taskId: 'w1', tMs: 750 } });
      // Edit and delete work; reopening the saved file brings back what was saved.
      await page.getByRole('button', { name: 'Delete note n2' }).click();
      await expect.poll(() => page.locator('.note-list li').count()).toBe(1);
      await page.locator('input[type="file"]').setInputFiles(savedPath);
      await expect.poll(() => page.locator('.note-list li').count()).toBe(2);
      await page.getByRole('button', { name: /the run ends/ }).click();
      const vp = (await hookState(page)).viewport;
      expect(vp.t0).toBeLessThan(1400);
      expect(vp.t1).toBeGreaterThan(1400);
      expect(vp.t1 - vp.t0).toBeLessThan(1000);
      // Presentation (P): the side panels hide, the type grows, and the arrow keys step through the notes, zooming to each.
      await page.keyboard.press('p');
      await expect.poll(() => page.locator('.side').isVisible()).toBe(false);
      expect(await page.evaluate<number>('parseFloat(getComputedStyle(document.body).fontSize)')).toBeGreaterThanOrEqual(18);
      await page.keyboard.press('ArrowRight');
      await page.getByTestId('presentation-note').getByText('process 0 and process 1 share two cores').waitFor();
      const first = (await hookState(page)).viewport;
      expect(first.t0).toBeLessThan(600);
      expect(first.t1).toBeGreaterThan(900);
      expect(first.t1 - first.t0).toBeLessThan(1000);
      await page.keyboard.press('ArrowRight');
      await page.getByTestId('presentation-note').getByText('the run ends').waitFor();
      await page.screenshot({ path: artifact('presentation-notes-dark.png') });
      await page.keyboard.press('p');
      await page.locator('.side').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
