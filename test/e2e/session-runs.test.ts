import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifact, publishScreenshot } from './support/artifacts';
import { launch } from './support/browser';
import { hookState } from './support/hook';
import { webServerForFile } from './support/web-server';
import { testPageUrl } from './support/page-url';

// Every run of a multi-run preset is listed and can be shown again: the crash
// preset's thread run (a thread threw) and its process run (a process
// aborted), each with the worker that did not end as planned.
const server = webServerForFile();

interface DrawnMark {
  kind: string;
  task: number;
  x: number;
  y: number;
  size: number;
  title: string;
}

/**
 * Each crashed task of the shown run has its red × on its lane: the mark is drawn (the pixel at its centre is the
 * crash red, not a state colour) and hovering it says what happened. Returns the crash marks' titles.
 */
async function crashMarksShown(page: Page): Promise<string[]> {
  const tasks = (await hookState(page)).tasks;
  // A crash as the timeline counts one (isCrashReason): thrown, hung, killed by a signal, lost.
  const crashed = tasks.map((t, i) => ({ t, i })).filter(({ t }) => ['crashed', 'hung', 'killed', 'lost'].includes(t.exitReason ?? ''));
  expect(crashed.length, JSON.stringify(tasks.map((t) => [t.label, t.exitReason]))).toBeGreaterThan(0);
  const marks = (await page.evaluate('window.__corelanesBench.marks()')) as DrawnMark[];
  const canvas = page.getByTestId('timeline-tasks');
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no Tasks view');
  const titles: string[] = [];
  for (const { t, i } of crashed) {
    const mark = marks.find((m) => m.kind === 'crash' && m.task === i);
    expect(mark, `a crash mark on ${t.label}'s lane`).toBeDefined();
    if (!mark) continue;
    const [r, g, b] = (await canvas.evaluate(
      (c, [x, y]) => [...(c as unknown as { getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } }).getContext('2d').getImageData(x, y, 1, 1).data],
      [Math.round(mark.x), Math.round(mark.y)] as const,
    )) as number[];
    expect(r, `crash red at the centre of ${t.label}'s ×`).toBeGreaterThan(170);
    expect(Math.max(g ?? 255, b ?? 255)).toBeLessThan(110);
    await page.mouse.move(box.x + mark.x, box.y + mark.y);
    await expect(page.getByRole('tooltip').textContent()).resolves.toContain(`${t.label}: crashed`);
    titles.push(mark.title);
  }
  await page.mouse.move(0, 0);
  return titles;
}

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
      // The process run (shown now) and, once shown again, the thread run: each crash is a red × on its worker's lane.
      expect(await crashMarksShown(b.page)).toEqual([expect.stringMatching(/^process 0: crashed/)]);
      await b.page.getByTestId('timeline-tasks').screenshot({ path: artifact('crash-marks-process-run-light.png') });
      publishScreenshot('crash-marks-process-run-light.png', 'crash-marks-process-run-light.png');
      // The verdict card: each of the preset's cases and how it ended.
      await b.page.getByTestId('verdict-card').screenshot({ path: artifact('verdict-crash-light.png') });
      publishScreenshot('verdict-crash-light.png', 'verdict-crash-light.png');
      const last = (await hookState(b.page)).runId;
      await list.nth(1).getByRole('button', { name: 'Show' }).click();
      await expect.poll(async () => (await hookState(b.page)).runId, { timeout: 10_000 }).not.toBe(last);
      const shown = await hookState(b.page);
      expect(shown.tasks.find((t) => t.label === 'thread 0')?.exitReason).toBe('crashed');
      expect(await list.nth(1).getByRole('button', { name: 'Shown' }).getAttribute('aria-pressed')).toBe('true');
      expect(await crashMarksShown(b.page)).toEqual([expect.stringMatching(/^thread 0: crashed/)]);
      await b.page.getByTestId('timeline-tasks').screenshot({ path: artifact('crash-marks-thread-run-light.png') });
      publishScreenshot('crash-marks-thread-run-light.png', 'crash-marks-thread-run-light.png');
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
      publishScreenshot('run-compare-crash-light.png', 'run-compare-crash-light-1280x720.png');
      await compare.getByRole('button', { name: 'Close' }).click();
      // The timeline comes back (drawn at its next frame, not necessarily by the time the click returns).
      await expect.poll(() => b.page.getByTestId('timeline-tasks').isVisible(), { timeout: 5000 }).toBe(true);
    } finally {
      await b.close();
    }
  });
});
