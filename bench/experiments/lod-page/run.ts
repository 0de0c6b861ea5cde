// The whole-run view of a long synthetic trace (16 lanes, 10 minutes) in the
// real page (`corelanes web`, headless Chromium, 1280x720): frame work
// (drawNow: paint + forced raster flush) median of 30 per view, and
// screenshots in light and dark. Run it once on a build of main (before the
// lanes' summaries) and once on this branch (after), and compare:
//   npm run build && flock /tmp/corelanes-heavy.lock node --import tsx bench/experiments/lod-page/run.ts OUTDIR [SEGMENTS]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from '../../../test/e2e/support/browser';
import { testPageUrl } from '../../../test/e2e/support/page-url';
import { startWebServer } from '../../../test/e2e/support/web-server';

type Hook = {
  appendSynthetic(lanes: number, count: number, fromMs: number, toMs: number, seed?: number): void;
  drawNow(kind?: string): number;
  model: { reset(runId: string | null, machine: unknown): void };
  view: { setViewport(v: { t0: number; t1: number }, byUser: boolean): void };
};
declare const __corelanesBench: Hook;

const out = process.argv[2] ?? 'lod-page-out';
const segments = Number(process.argv[3] ?? 4_000_000);
mkdirSync(out, { recursive: true });
const server = await startWebServer();
const results: Record<string, number> = {};
try {
  for (const scheme of ['light', 'dark'] as const) {
    const b = await launch({ colorScheme: scheme });
    try {
      await b.page.goto(testPageUrl(server));
      await b.page.getByText('connected', { exact: true }).waitFor({ timeout: 15_000 });
      await b.page.evaluate((n) => {
        __corelanesBench.model.reset('lod-page', { os: 'linux', kernel: '', arch: 'x64', cpuModel: 'bench', logicalCores: 4, coresObservable: true, runtimes: {} });
        __corelanesBench.appendSynthetic(16, n, 0, 600_000, 7);
        __corelanesBench.view.setViewport({ t0: 0, t1: 600_000 }, true);
      }, segments);
      for (const kind of ['tasks', 'cores']) {
        const times = await b.page.evaluate((k) => {
          const t: number[] = [];
          for (let i = 0; i < 35; i++) {
            // A 1 ms nudge makes every frame a full repaint.
            __corelanesBench.view.setViewport({ t0: 0, t1: 600_000 + (i % 2) }, true);
            t.push(__corelanesBench.drawNow(k));
          }
          return t.slice(5).sort((a, c) => a - c);
        }, kind);
        results[`${scheme} ${kind} median ms`] = times[times.length >> 1] as number;
        results[`${scheme} ${kind} p95 ms`] = times[Math.floor(times.length * 0.95)] as number;
      }
      await b.page.evaluate(() => __corelanesBench.view.setViewport({ t0: 0, t1: 600_000 }, true));
      await b.page.waitForTimeout(500);
      await b.page.screenshot({ path: join(out, `whole-run-${scheme}.png`) });
    } finally {
      await b.close();
    }
  }
} finally {
  await server.stop();
}
writeFileSync(join(out, 'frames.json'), JSON.stringify({ segments, results }, null, 2));
console.log(segments, results);
