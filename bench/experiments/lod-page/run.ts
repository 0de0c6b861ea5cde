// The whole-run view of a long synthetic trace (16 lanes, 10 minutes) in the
// real page (`corelanes web`, headless Chromium, 1280x720): frame work
// (drawNow: paint + forced raster flush) median of 30 per view, and
// screenshots in light and dark. Run it once on a build of main (before the
// lanes' summaries) and once on this branch (after), and compare:
//   npm run build && flock /tmp/corelanes-heavy.lock node --import tsx bench/experiments/lod-page/run.ts OUTDIR [SEGMENTS] [uniform|phases]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from '../../../test/e2e/support/browser';
import { testPageUrl } from '../../../test/e2e/support/page-url';
import { startWebServer } from '../../../test/e2e/support/web-server';

type Hook = {
  model: { reset(runId: string | null, machine: unknown): void; appendRaw(task: number, start: number, end: number, state: number, core: number, onCpuMs: number): void; changed(): void };
  appendSynthetic(lanes: number, count: number, fromMs: number, toMs: number, seed?: number): void;
  drawNow(kind?: string): number;
  view: { setViewport(v: { t0: number; t1: number }, byUser: boolean): void };
};
declare const __corelanesBench: Hook;

const out = process.argv[2] ?? 'lod-page-out';
const segments = Number(process.argv[3] ?? 4_000_000);
/** 'uniform': the page's bench generator; 'phases': lanes in phases of fine-grained work, long sleeps and I/O, so edges are sharp. */
const shape = process.argv[4] === 'phases' ? 'phases' : 'uniform';
mkdirSync(out, { recursive: true });
const server = await startWebServer();
const results: Record<string, number> = {};
try {
  for (const scheme of ['light', 'dark'] as const) {
    const b = await launch({ colorScheme: scheme });
    try {
      // tsx keeps function names with a __name helper the page lacks.
      await b.page.addInitScript('window.__name = (f) => f');
      await b.page.goto(testPageUrl(server));
      await b.page.getByText('connected', { exact: true }).waitFor({ timeout: 15_000 });
      const made = await b.page.evaluate(
        ([n, phases]) => {
          const { model } = __corelanesBench;
          model.reset('lod-page', { os: 'linux', kernel: '', arch: 'x64', cpuModel: 'bench', logicalCores: 4, coresObservable: true, runtimes: {} });
          if (!phases) {
            __corelanesBench.appendSynthetic(16, n, 0, 600_000, 7);
            __corelanesBench.view.setViewport({ t0: 0, t1: 600_000 }, true);
            return n;
          }
          __corelanesBench.appendSynthetic(16, 16, 0, 0.001, 7); // the 16 tasks
          let x = 12345;
          const rand = () => {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            return (x >>> 0) / 4294967296;
          };
          let count = 0;
          // Fine-grained phases dominate the count: ~6 ms per segment there (about 1M segments in all).
          for (let lane = 0; lane < 16; lane++) {
            let t = 1;
            while (t < 600_000) {
              const end = Math.min(600_000, t + 100 + rand() * (rand() < 0.3 ? 40_000 : 8000));
              const kind = rand();
              if (kind < 0.25) {
                model.appendRaw(lane, t, end, 4, -1, 0); // asleep the whole phase
                count++;
                t = end;
              } else if (kind < 0.45) {
                while (t < end) {
                  const io = 5 + rand() * 45;
                  model.appendRaw(lane, t, t + io, 3, -1, 0);
                  const run = 1 + rand() * 4;
                  model.appendRaw(lane, t + io, t + io + run, 0, lane % 4, run);
                  t += io + run;
                  count += 2;
                }
              } else {
                const busy = 0.3 + rand() * 0.6; // how much of the phase runs
                while (t < end) {
                  const run = 2 + rand() * 8 * busy * 2;
                  model.appendRaw(lane, t, t + run, 0, (lane + (rand() < 0.5 ? 0 : 1)) % 4, run);
                  const wait = 1.2 + rand() * 8 * (1 - busy) * 2;
                  model.appendRaw(lane, t + run, t + run + wait, 1, -1, 0);
                  t += run + wait;
                  count += 2;
                }
              }
            }
          }
          model.changed();
          __corelanesBench.view.setViewport({ t0: 0, t1: 600_000 }, true);
          return count;
        },
        [segments, shape === 'phases'] as const,
      );
      results.segments = made;
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
writeFileSync(join(out, 'frames.json'), JSON.stringify({ shape, results }, null, 2));
console.log(shape, results);
