import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Trace } from '../../src/shared';
import { bridgeClient, runToEnd } from '../support/bridge-client';
import { artifact } from './support/artifacts';
import { launch } from './support/browser';
import { coreBusy } from './support/hook';
import { testPageUrl } from './support/page-url';
import { startWebServer, type WebServer } from './support/web-server';

// Issue 14: what watching a run costs it. A real `corelanes web`, runs started over the bridge by a test client (the leader),
// with and without a headless page following them; and "measure first, draw after".
let server: WebServer;
let leader: ReturnType<typeof bridgeClient>;
beforeAll(async () => {
  server = await startWebServer();
  leader = bridgeClient(`${server.url.replace(/^http/, 'ws')}bridge`, server.token);
  await leader.opened;
});
afterAll(async () => {
  leader?.ws.close();
  await server?.stop();
});

const run = (params: Record<string, unknown>) => runToEnd(leader, params, 60_000);

const cpuThreads = { kind: 'thread', workload: 'cpu', workers: 2, durationS: 2.5 };

describe('the observer budget (issue 14)', () => {
  it('a page following a run live leaves it most of the parallelism a run with no page gets', async () => {
    // Alternating, best of two each: a busy machine lowers single runs, not the best of each kind.
    const alone: number[] = [];
    const watched: number[] = [];
    for (let i = 0; i < 2; i++) {
      alone.push((await run(cpuThreads)).parallelism);
      const b = await launch();
      try {
        await b.page.goto(testPageUrl(server));
        await b.page.getByText('connected', { exact: true }).waitFor({ timeout: 15_000 });
        watched.push((await run(cpuThreads)).parallelism);
      } finally {
        await b.close();
      }
    }
    const ratio = Math.max(...watched) / Math.max(...alone);
    // Quiet, the page's run keeps 0.84 of the parallelism (0.65 before the live budget; bench/budget.bench.ts). When other
    // jobs load the machine the page's share weighs more (0.61 seen with a test suite running beside it): the test holds
    // the page to less than half, which a page that drew every batch in full, or spun, would not.
    expect(ratio, `watched ${watched.join(', ')} vs alone ${alone.join(', ')}`).toBeGreaterThan(0.5);
  });

  it('measure first, draw after: nothing is drawn during the run, then the same run the trace holds', async () => {
    const b = await launch();
    try {
      const { page } = b;
      await page.goto(testPageUrl(server, '?measure-first=1'));
      await page.getByText('connected', { exact: true }).waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: 'Measure first, draw after (M)' }).waitFor();
      const counts = () => page.evaluate(() => (globalThis as unknown as { __corelanesBench: { paintCounts(k: string): { full: number; strip: number; shifted: number } } }).__corelanesBench.paintCounts('cores'));
      const drawn = (c: { full: number; strip: number; shifted: number }) => c.full + c.strip + c.shifted;
      const before = drawn(await counts());
      const done = run({ kind: 'process', workload: 'cpu', workers: 2, durationS: 2 });
      await page.getByTestId('measure-first-cover').waitFor({ timeout: 20_000 });
      await page.screenshot({ path: artifact('measure-first-light.png') });
      expect(drawn(await counts()), 'no frame drawn while the run goes on').toBe(before);
      const { runId } = await done;
      await page.getByTestId('measure-first-cover').waitFor({ state: 'detached', timeout: 10_000 });
      await page.getByTestId('run-summary').waitFor({ timeout: 10_000 });
      await expect.poll(async () => drawn(await counts())).toBeGreaterThan(before);
      // What the page drew from equals the run's trace: each core's busy share over the whole run.
      const trace = (await leader.invoke('getTrace', { runId })) as Trace;
      const end = trace.run.wallMs ?? Math.max(...trace.segments.map((s) => s.endMs));
      for (const core of [0, 1]) {
        let busy = 0;
        for (const s of trace.segments) if (s.state === 'running' && s.core === core) busy += Math.max(0, Math.min(end, s.endMs) - s.startMs);
        expect(await coreBusy(page, core, 0, end)).toBeCloseTo(busy / end, 3);
      }
      await page.screenshot({ path: artifact('measure-first-drawn-light.png') });
    } finally {
      await b.close();
    }
  });
});
