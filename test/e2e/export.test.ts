import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { findAll, parseSvg } from '../support/svg-doc';
import { syntheticTrace } from '../support/synthetic-trace';
import { artifact } from './support/artifacts';
import { launch } from './support/browser';
import { openTracePage } from './support/open-trace';
import { hookState } from './support/hook';
import { testPageUrl } from './support/page-url';
import { startWebServer, type WebServer } from './support/web-server';

// A synthetic 3 s run (4 tasks on 2 cores, 2 notes) opened in the page; its pictures and video exported from the page.
let server: WebServer;
let dir: string;
let tracePath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'corelanes-export-'));
  tracePath = join(dir, 'run.corelanes.json');
  writeFileSync(tracePath, JSON.stringify(syntheticTrace({ durationMs: 3000, seed: 7 })));
  server = await startWebServer();
});
afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The trace opened in a fresh page, once its export buttons are enabled. */
async function openTrace(colorScheme: 'light' | 'dark') {
  const opened = await openTracePage(server, tracePath, colorScheme);
  await opened.page.getByRole('button', { name: 'Export PNG' }).and(opened.page.locator(':enabled')).waitFor();
  return opened;
}

async function saved(download: Download, name: string): Promise<string> {
  const path = join(dir, name);
  await download.saveAs(path);
  return path;
}

/** ffprobe's view of a video: codec, size, decoded frames, duration. */
function probe(path: string): { codec: string; width: number; height: number; frames: number; duration: number } {
  const out = JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height,nb_read_frames:format=duration', '-of', 'json', path], { encoding: 'utf8' }),
  ) as { streams: { codec_name: string; width: number; height: number; nb_read_frames: string }[]; format: { duration: string } };
  const s = out.streams[0]!;
  return { codec: s.codec_name, width: s.width, height: s.height, frames: Number(s.nb_read_frames), duration: Number(out.format.duration) };
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The on-screen box the view picture covers (view-snapshot.ts's shownViews): first heading to last canvas's lanes. */
const VIEW_BOX_JS = `() => {
  const canvases = [...document.querySelectorAll('canvas[data-testid^="timeline-"]')];
  const first = canvases[0].getBoundingClientRect();
  const heading = canvases[0].closest('.timeline-pane').querySelector('.pane-title').getBoundingClientRect();
  const last = canvases.at(-1).getBoundingClientRect();
  return { x: Math.round(first.left), y: Math.round(heading.top), width: Math.round(first.width), height: Math.round(last.bottom) - Math.round(heading.top) };
}`;

function viewBox(page: Page): Promise<Box> {
  return page.evaluate(`(${VIEW_BOX_JS})()`);
}

describe('export from the page', () => {
  it('Export PNG matches a screenshot of the view; Export SVG is XML with one group per lane; 2x doubles the pixels', async () => {
    const { b, page, errors } = await openTrace('light');
    try {
      const box = await viewBox(page);
      const shot = PNG.sync.read(await page.screenshot({ clip: box }));
      const [png] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('i')]);
      expect(png.suggestedFilename()).toMatch(/^cpu-processes-\d{4}-\d\d-\d\dT\d\d-\d\d\.png$/);
      const pngPath = await saved(png, 'view.png');
      const picture = PNG.sync.read(readFileSync(pngPath));
      writeFileSync(artifact('export-view.png'), readFileSync(pngPath));
      writeFileSync(artifact('export-view-screenshot.png'), PNG.sync.write(shot));
      expect([picture.width, picture.height]).toEqual([shot.width, shot.height]);
      // Pixels that differ clearly (any channel by > 64 of 255), as a share of the picture, and how much of it is lanes at all.
      let differ = 0;
      let inked = 0;
      const page0 = [picture.data[0]!, picture.data[1]!, picture.data[2]!];
      for (let i = 0; i < picture.data.length; i += 4) {
        let d = 0;
        for (let c = 0; c < 3; c++) d = Math.max(d, Math.abs(picture.data[i + c]! - shot.data[i + c]!));
        if (d > 64) differ++;
        if (Math.abs(picture.data[i]! - page0[0]!) + Math.abs(picture.data[i + 1]! - page0[1]!) + Math.abs(picture.data[i + 2]! - page0[2]!) > 60) inked++;
      }
      const pixels = picture.width * picture.height;
      expect(inked / pixels).toBeGreaterThan(0.2);
      expect(differ / pixels).toBeLessThan(0.03);

      const lanes = (await hookState(page)).coreCount + (await hookState(page)).tasks.length;
      const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).click()]);
      expect(svg.suggestedFilename()).toMatch(/^cpu-processes-\d{4}-\d\d-\d\dT\d\d-\d\d\.svg$/);
      const doc = parseSvg(readFileSync(await saved(svg, 'view.svg'), 'utf8'));
      const groups = findAll(doc, (n) => n.name === 'g' && n.attrs.class === 'lane');
      expect(groups.length).toBe(lanes);
      expect(findAll(doc, (n) => n.name === 'image')).toEqual([]);

      await page.getByLabel('Picture scale').selectOption('2');
      const [png2] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
      const double = PNG.sync.read(readFileSync(await saved(png2, 'view2.png')));
      expect([double.width, double.height]).toEqual([2 * shot.width, 2 * shot.height]);
      expect(errors).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('Export video: a 3 s replay to WebM at 30 fps has 90 decodable frames and lasts 3 s; Cancel leaves no download', async () => {
    const { b, page, errors } = await openTrace('dark');
    try {
      const downloads: Download[] = [];
      page.on('download', (d) => downloads.push(d));
      // Cancel part-way: the progress bar goes and nothing is saved.
      await page.getByLabel('Video size').selectOption('720p');
      await page.getByLabel('Frames per second').selectOption('60');
      await page.getByRole('button', { name: 'Export video' }).click();
      const bar = page.getByRole('progressbar', { name: 'Encoding video' });
      await expect.poll(async () => Number((await bar.getAttribute('value').catch(() => null)) ?? 0), { timeout: 30_000 }).toBeGreaterThan(2);
      await page.screenshot({ path: artifact('export-video-progress-dark.png') });
      await page.getByRole('button', { name: 'Cancel' }).click();
      await bar.waitFor({ state: 'detached' });
      expect(await page.getByRole('button', { name: 'Export video' }).isEnabled()).toBe(true);

      await page.getByLabel('Frames per second').selectOption('30');
      const [video] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.keyboard.press('e')]);
      expect(video.suggestedFilename()).toMatch(/^cpu-processes-\d{4}-\d\d-\d\dT\d\d-\d\d\.webm$/);
      const p = probe(await saved(video, 'replay.webm'));
      expect(p).toMatchObject({ codec: 'vp9', width: 1280, height: 720, frames: 90 });
      expect(Math.abs(p.duration - 3)).toBeLessThanOrEqual(1 / 30);
      expect(downloads).toHaveLength(1);
      expect(errors).toEqual([]);
    } finally {
      await b.close();
    }
  });

  it('Record video captures the live view to a WebM that ffprobe decodes; without WebCodecs, Export video says to use the CLI', async () => {
    const b = await launch({});
    const errors: string[] = [];
    b.page.on('pageerror', (e) => errors.push(e.message));
    const page = b.page;
    try {
      await page.goto(testPageUrl(server));
      await page.getByText('connected', { exact: true }).waitFor({ timeout: 15_000 });
      await page.getByLabel('Kind', { exact: true }).selectOption('thread');
      await page.getByLabel('Workers', { exact: true }).fill('1');
      await page.getByLabel('Duration', { exact: true }).fill('2');
      await page.getByRole('button', { name: 'Start run' }).click();
      await expect.poll(async () => (await hookState(page)).status, { timeout: 30_000 }).toBe('running');
      // The views fill the column and share it among their lanes: their box may change as workers appear. The video
      // keeps the size of the box at the moment R is pressed: read in the same task as the key, nothing can move between.
      const began = (await page.evaluate(`(() => {
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'r', bubbles: true }));
        return (${VIEW_BOX_JS})();
      })()`)) as Box;
      await page.getByRole('button', { name: 'Stop recording' }).waitFor();
      await page.waitForTimeout(1000);
      await page.screenshot({ path: artifact('export-recording-light.png') });
      const [rec] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByRole('button', { name: 'Stop recording' }).click()]);
      expect(rec.suggestedFilename()).toMatch(/\.webm$/);
      // Live capture is not frame-exact: ffprobe decodes it; the frame count is what the page painted.
      const p = probe(await saved(rec, 'live.webm'));
      expect(p.codec).toMatch(/^vp[89]$/);
      // As wide as the views; as tall as they were when recording began (a later change of layout changes the view, not the video).
      expect(p.width).toBe(began.width);
      expect(p.height).toBeGreaterThan(50);
      expect(p.height).toBe(began.height);
      expect(p.frames).toBeGreaterThan(0);

      await expect.poll(async () => (await hookState(page)).status, { timeout: 30_000 }).toBe('ended');
      await page.evaluate('delete window.VideoEncoder');
      await page.getByRole('button', { name: 'Export video' }).click();
      await page.getByRole('alert').getByText(/corelanes export TRACE --format webm/).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
