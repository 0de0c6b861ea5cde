import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artifact } from './support/artifacts';
import { launch } from './support/browser';
import { hookState } from './support/hook';
import { testPageUrl } from './support/page-url';
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

/** Test-side: core c's busy share over the live bars' window [t - 500, t], straight from the trace file. */
function busyAt(core: number, t: number): number {
  const from = Math.max(0, t - 500);
  let busy = 0;
  for (const s of segments) if (s.state === 'running' && s.core === core) busy += Math.max(0, Math.min(t, s.endMs) - Math.max(from, s.startMs));
  return Math.min(1, busy / (t - from));
}

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

describe('replay of a recorded run', () => {
  it('plays at 4x, pauses and steps by key; the cores and the metrics at t match the trace at t; the lanes end at t', async () => {
    const b = await launch();
    const errors: string[] = [];
    b.page.on('pageerror', (e) => errors.push(e.message));
    try {
      const page = b.page;
      await page.goto(testPageUrl(server.url));
      await page.getByText('connected', { exact: true }).waitFor({ timeout: 15_000 });
      await page.locator('input[type="file"]').setInputFiles(tracePath);
      await page.getByRole('button', { name: 'Replay' }).waitFor();
      const whole = await hookState(page);
      expect(whole.status).toBe('ended');

      // 1x -> 2x -> 4x with ']', then Space plays from the start.
      await page.keyboard.press(']');
      await page.keyboard.press(']');
      expect((await replay(page)).speed).toBe(4);
      await page.keyboard.press(' ');
      // Run time advances 4x the page's own clock (one frame of slack at each end).
      const rate = await page.evaluate<{ run: number; wall: number }>(`(async () => {
        const hook = window.__corelanesBench;
        await new Promise((r) => requestAnimationFrame(r));
        const a = { t: hook.replay().tMs, now: performance.now() };
        await new Promise((r) => setTimeout(r, 250));
        const z = { t: hook.replay().tMs, now: performance.now() };
        return { run: z.t - a.t, wall: z.now - a.now };
      })()`);
      expect(rate.run / rate.wall).toBeGreaterThan(3);
      expect(rate.run / rate.wall).toBeLessThan(4.5);
      await page.keyboard.press(' ');
      let r = await replay(page);
      expect(r.playing).toBe(false);
      // Step to a moment with both processes running, then one frame forward by key.
      const target = Math.min(r.endMs - 200, 1300);
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
      expect(before).toBeGreaterThan(0.2);
      expect(after).toBe(0);
      await page.screenshot({ path: artifact('replay-light.png') });
      // Escape: the whole run again.
      await page.keyboard.press('Escape');
      expect((await replay(page)).tMs).toBeNull();
      expect(await laneFill(page, 0, t + 20, wholeEnd)).toBeGreaterThan(0.2);
      expect(errors).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
