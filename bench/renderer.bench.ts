// Renderer benchmarks in headless Chromium (DESIGN.md section 10), against the real `corelanes web`:
//   1. frame time while live-appending 10,000 segments/s (follow-live, both views)
//   2. frame time with 64 lanes x 1,000,000 segments during a continuous zoom (60 s -> 1 s -> 60 s)
//   3. renderer CPU during a 10 s live run of the default scenario (2 CPU processes + 2 threads)
//   4. page memory after 1,000,000 segments
// Frame "work" = JavaScript + a forced raster flush (getImageData), as in DESIGN.md section 10.
// Run: npm run build && flock /tmp/corelanes-cpu.lock node --import tsx bench/renderer.bench.ts
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { launch } from '../test/e2e/support/browser';
import { testPageUrl, type PageServer } from '../test/e2e/support/page-url';
import { startWebServer } from '../test/e2e/support/web-server';
import { CLK_TCK, chromiumProcesses, cpuTicks, rssMiB } from './lib/chromium-procs';
import { report, type BenchRow } from './lib/report';

type Hook = {
  appendSynthetic(lanes: number, count: number, fromMs: number, toMs: number, seed?: number): void;
  drawNow(kind?: string): number;
  recordFrames(on: boolean): number[];
  model: { reset(runId: string | null, machine: unknown): void; endMs: number; segments: { length: number } };
  view: { setViewport(v: { t0: number; t1: number }, byUser: boolean): void; startRun(ms: number): void; setUntil(ms: number | null): void };
  factsAt(t: number): unknown;
  state(): { endMs: number; segments: number; status: string; tasks: { kind: string }[] };
};
declare const __corelanesBench: Hook;

function pct(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
}

async function liveAppend(page: Page): Promise<BenchRow> {
  await page.evaluate(() => {
    __corelanesBench.model.reset('bench-live', { os: 'linux', kernel: '', arch: 'x64', cpuModel: 'bench', logicalCores: 2, coresObservable: true, runtimes: {} });
    __corelanesBench.view.startRun(10_000);
    __corelanesBench.recordFrames(true);
  });
  // 10,000 segments/s over 16 lanes, in 25 ms batches (the engine's batch period), for 5 s.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const started = performance.now();
        let t = 0;
        const timer = setInterval(() => {
          const now = performance.now() - started;
          __corelanesBench.appendSynthetic(16, 250, t, now, Math.floor(now) + 1);
          t = now;
          if (now > 5000) {
            clearInterval(timer);
            resolve();
          }
        }, 25);
      }),
  );
  const frames = await page.evaluate(() => __corelanesBench.recordFrames(false));
  const segments = await page.evaluate(() => __corelanesBench.model.segments.length);
  return { case: 'live append 10k seg/s, 16 lanes, both views', frames: frames.length, segments, p50_ms: pct(frames, 50), p95_ms: pct(frames, 95), max_ms: Math.max(...frames), target_p95_ms: 16.7 };
}

let rssBefore = new Map<number, number>();

async function bigZoom(page: Page): Promise<BenchRow[]> {
  rssBefore = new Map(chromiumProcesses('corelanes-e2e-').filter((p) => p.type === 'renderer').map((p) => [p.pid, rssMiB(p.pid)]));
  const built = await page.evaluate(() => {
    __corelanesBench.model.reset('bench-zoom', { os: 'linux', kernel: '', arch: 'x64', cpuModel: 'bench', logicalCores: 8, coresObservable: true, runtimes: {} });
    const t = performance.now();
    __corelanesBench.appendSynthetic(64, 1_000_000, 0, 60_000, 7);
    return performance.now() - t;
  });
  const run = (from: number, to: number, steps: number) =>
    page.evaluate(
      ([a, b, n]) => {
        const times: number[] = [];
        for (let i = 0; i < n; i++) {
          // Geometric zoom between spans a and b, centred at 30 s.
          const span = a * Math.pow(b / a, i / (n - 1));
          __corelanesBench.view.setViewport({ t0: 30_000 - span / 2, t1: 30_000 + span / 2 }, true);
          times.push(__corelanesBench.drawNow('tasks'));
        }
        return times;
      },
      [from, to, steps] as const,
    );
  await run(60_000, 60_000, 5); // warm up
  const whole = await run(60_000, 60_000, 60);
  const second = await run(1000, 1000, 60);
  const zoom = [...(await run(60_000, 1000, 90)), ...(await run(1000, 60_000, 90))];
  return [
    { case: '64 lanes x 1M segments: whole 60 s visible', frames: whole.length, segments: 1_000_000, p50_ms: pct(whole, 50), p95_ms: pct(whole, 95), max_ms: Math.max(...whole), target_p95_ms: 16.7 },
    { case: '64 lanes x 1M segments: 1 s window', frames: second.length, segments: 1_000_000, p50_ms: pct(second, 50), p95_ms: pct(second, 95), max_ms: Math.max(...second), target_p95_ms: 16.7 },
    { case: '64 lanes x 1M segments: continuous zoom 60 s <-> 1 s', frames: zoom.length, segments: 1_000_000, p50_ms: pct(zoom, 50), p95_ms: pct(zoom, 95), max_ms: Math.max(...zoom), target_p95_ms: 16.7, build_ms: built },
  ];
}

/** Scrubbing a finished 1M-segment run: each step moves the replay time (lanes cut there, a playhead) and recomputes the metrics panel's facts at t. */
async function scrub(page: Page): Promise<BenchRow[]> {
  await page.evaluate(() => {
    __corelanesBench.model.reset('bench-scrub', { os: 'linux', kernel: '', arch: 'x64', cpuModel: 'bench', logicalCores: 8, coresObservable: true, runtimes: {} });
    __corelanesBench.appendSynthetic(64, 1_000_000, 0, 60_000, 11);
    __corelanesBench.view.setViewport({ t0: 0, t1: 60_000 }, true);
  });
  const frames = await page.evaluate((n) => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      // Back and forth over the whole run, as a hand on the slider.
      const t = 60_000 * Math.abs(Math.sin((i / n) * Math.PI * 2));
      const start = performance.now();
      __corelanesBench.view.setUntil(t);
      __corelanesBench.factsAt(t);
      __corelanesBench.drawNow('tasks');
      times.push(performance.now() - start);
    }
    __corelanesBench.view.setUntil(null);
    return times.slice(5);
  }, 125);
  // The same full repaint without a replay (a viewport nudge forces it), in the same page and minute: the baseline.
  const plain = await page.evaluate((n) => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      __corelanesBench.view.setViewport({ t0: 0, t1: 60_000 + (i % 2) * 1e-6 }, true);
      __corelanesBench.drawNow('tasks');
      times.push(performance.now() - start);
    }
    return times.slice(5);
  }, 125);
  return [
    { case: '64 lanes x 1M segments: whole 60 s, full repaint (baseline)', frames: plain.length, segments: 1_000_000, p50_ms: pct(plain, 50), p95_ms: pct(plain, 95), max_ms: Math.max(...plain), target_p95_ms: 16.7 },
    { case: '64 lanes x 1M segments: scrubbing the replay over the whole 60 s', frames: frames.length, segments: 1_000_000, p50_ms: pct(frames, 50), p95_ms: pct(frames, 95), max_ms: Math.max(...frames), target_p95_ms: 16.7 },
  ];
}

async function memory(page: Page, pids: { pid: number; type: string }[]): Promise<BenchRow> {
  // The page's renderer is the one that grew: other renderers (spare, internal pages) stay flat.
  const grown = pids
    .filter((p) => p.type === 'renderer')
    .map((p) => ({ rss: rssMiB(p.pid), delta: rssMiB(p.pid) - (rssBefore.get(p.pid) ?? NaN) }))
    .sort((a, b) => b.delta - a.delta)[0];
  const heap = await page.evaluate(() => {
    const m = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    return m ? m.usedJSHeapSize / 2 ** 20 : NaN;
  });
  const segments = await page.evaluate(() => __corelanesBench.model.segments.length);
  return {
    case: 'page memory after 1M segments (64 lanes)',
    segments,
    js_heap_mib: heap,
    renderer_rss_mib: grown?.rss ?? NaN,
    rss_growth_mib: grown?.delta ?? NaN,
    bytes_per_segment: grown ? (grown.delta * 2 ** 20) / segments : NaN,
  };
}

async function liveRunCpu(server: PageServer): Promise<BenchRow[]> {
  const b = await launch();
  try {
    await b.page.goto(testPageUrl(server));
    await b.page.getByText('connected', { exact: true }).waitFor({ timeout: 15_000 });
    await b.page.waitForTimeout(1000);
    const procs = chromiumProcesses('corelanes-e2e-');
    const before = new Map(procs.map((p) => [p.pid, cpuTicks(p.pid)]));
    const t0 = Date.now();
    await b.page.evaluate(() => __corelanesBench.recordFrames(true));
    await b.page.getByRole('button', { name: 'Start run' }).click(); // defaults: 2 CPU processes, 10 s
    await b.page.getByTestId('run-summary').waitFor({ timeout: 60_000 });
    const wall = (Date.now() - t0) / 1000;
    const frames = await b.page.evaluate(() => __corelanesBench.recordFrames(false));
    const byType = new Map<string, number>();
    let page = 0;
    let renderers = 0;
    for (const p of procs) {
      const cpu = (cpuTicks(p.pid) - (before.get(p.pid) ?? 0)) / CLK_TCK;
      byType.set(p.type, (byType.get(p.type) ?? 0) + cpu);
      // The page's renderer is the busy one; the others (spare renderer, internal pages) idle.
      if (p.type === 'renderer') {
        renderers++;
        page = Math.max(page, cpu);
      }
    }
    const rows: BenchRow[] = [
      { case: 'live 10 s run: the page\'s renderer process CPU', wall_s: wall, cpu_s: page, percent_of_core: (100 * page) / wall, target_percent: 10 },
    ];
    for (const [type, cpu] of byType)
      rows.push({ case: `live 10 s run: all Chromium ${type}${type === 'renderer' ? ` (${renderers})` : ''} CPU`, wall_s: wall, cpu_s: cpu, percent_of_core: (100 * cpu) / wall });
    rows.push({ case: 'live 10 s run: frames drawn', frames: frames.length, p50_ms: pct(frames, 50), p95_ms: pct(frames, 95), max_ms: Math.max(...frames) });
    return rows;
  } finally {
    await b.close();
  }
}

// RENDERER_BENCH=cpu runs only the live-run CPU part, RENDERER_BENCH=scrub only the replay scrub (quick checks while tuning).
const only = process.env.RENDERER_BENCH ?? 'all';
const server = await startWebServer();
const rows: BenchRow[] = [];
try {
  if (only === 'all') {
  const b = await launch();
  try {
    await b.page.goto(testPageUrl(server, '?view=both'));
    await b.page.getByText('connected', { exact: true }).waitFor({ timeout: 15_000 });
    rows.push(await liveAppend(b.page));
  } finally {
    await b.close();
  }
  const z = await launch();
  try {
    await z.page.goto(testPageUrl(server, '?view=tasks'));
    await z.page.getByText('connected', { exact: true }).waitFor({ timeout: 15_000 });
    rows.push(...(await bigZoom(z.page)));
    await z.page.waitForTimeout(500);
    rows.push(await memory(z.page, chromiumProcesses('corelanes-e2e-')));
  } finally {
    await z.close();
  }
  }
  if (only === 'all' || only === 'scrub') {
    const s = await launch();
    try {
      await s.page.goto(testPageUrl(server, '?view=tasks'));
      await s.page.getByText('connected', { exact: true }).waitFor({ timeout: 15_000 });
      rows.push(...(await scrub(s.page)));
    } finally {
      await s.close();
    }
  }
  if (only === 'all' || only === 'cpu') rows.push(...(await liveRunCpu(server)));
} finally {
  await server.stop();
}
const chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
await report(only === 'all' ? 'renderer' : `renderer-${only}`, 'Renderer in headless Chromium (1280x720, dpr 1, software canvas)', rows, [
  `${chromium}; frame work = JS + forced raster flush (getImageData 1 px), per DESIGN.md section 10`,
  'live append: synthetic segments appended in 25 ms batches while following live; frames are the scheduler\'s rAF frames',
  'CPU: /proc utime+stime of this profile\'s Chromium processes over the run (start click to summary shown); the machine is shared by other jobs',
  'memory: performance.memory.usedJSHeapSize (typed-array stores are outside it) and VmRSS of the renderer process(es)',
]);
