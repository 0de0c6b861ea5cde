// The observer's budget (issue 14): what watching a run costs the run, against the real `corelanes web`.
//   1. 2 CPU-bound threads, a headless page open and following live vs no page (parallelism ratio; target >= 0.95x)
//   2. 2 CPU-bound processes, 20 viewers connected vs none (parallelism ratio; target >= 0.97x), and the server's CPU
//   3. the page's renderer process CPU while following a live run (target <= 3% of a core)
//   4. bytes sent per viewer per second of a 16-task run (documented; target <= 1/4 of the JSON encoding's)
// Runs alternate with and without the observer, so both see the same machine; medians of ROUNDS pairs.
// Run: npm run build && flock /tmp/corelanes-heavy.lock node --import tsx bench/budget.bench.ts
import { WebSocket } from 'ws';
import { bridgeSubprotocols } from '../src/shared';
import { launch, type Browser } from '../test/e2e/support/browser';
import { testPageUrl } from '../test/e2e/support/page-url';
import { startWebServer, type WebServer } from '../test/e2e/support/web-server';
import { bridgeClient, runToEnd } from '../test/support/bridge-client';
import { median } from '../src/main/presets/lib/measures';
import { CLK_TCK, chromiumProcesses, cpuTicks } from './lib/chromium-procs';
import { report, type BenchRow } from './lib/report';

const ROUNDS = Number(process.env.BUDGET_ROUNDS ?? 3);
const DURATION_S = Number(process.env.BUDGET_DURATION_S ?? 4);
const VIEWERS = 20;

const loadAverage = async (): Promise<number> => (await import('node:os')).loadavg()[0] as number;

type Leader = ReturnType<typeof bridgeClient>;

const runOnce = (leader: Leader, params: Record<string, unknown>) => runToEnd(leader, params);

/** Viewers as cheap as a client can be (they stand for other devices): they count the bytes they get and parse nothing. */
async function connectViewers(server: WebServer, n: number): Promise<{ bytes(): number; close(): void }> {
  const url = `${server.url.replace(/^http/, 'ws')}bridge`;
  const sockets: WebSocket[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const ws = new WebSocket(url, bridgeSubprotocols(server.viewerToken), { perMessageDeflate: false });
    ws.on('message', (data: Buffer) => (bytes += data.length));
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    sockets.push(ws);
  }
  return { bytes: () => bytes, close: () => sockets.forEach((s) => s.close()) };
}

async function pageRounds(server: WebServer, leader: Leader): Promise<BenchRow[]> {
  const params = { kind: 'thread', workload: 'cpu', workers: 2, durationS: DURATION_S };
  const alone: number[] = [];
  const watched: number[] = [];
  const rendererPct: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    alone.push((await runOnce(leader, params)).parallelism);
    const b: Browser = await launch();
    try {
      await b.page.goto(testPageUrl(server));
      await b.page.getByText('connected', { exact: true }).waitFor({ timeout: 15_000 });
      await b.page.waitForTimeout(1000);
      const renderers = chromiumProcesses('corelanes-e2e-').filter((p) => p.type === 'renderer');
      const before = new Map(renderers.map((p) => [p.pid, cpuTicks(p.pid)]));
      const r = await runOnce(leader, params);
      watched.push(r.parallelism);
      // The page's renderer is the busy one; the others (spare renderer, internal pages) idle.
      const cpu = Math.max(...renderers.map((p) => (cpuTicks(p.pid) - (before.get(p.pid) ?? 0)) / CLK_TCK));
      rendererPct.push((100 * cpu) / r.wallS);
    } finally {
      await b.close();
    }
  }
  const ratio = median(watched) / median(alone);
  return [
    { case: '2 CPU threads: no page, parallelism', runs: ROUNDS, median: median(alone), min: Math.min(...alone), max: Math.max(...alone) },
    { case: '2 CPU threads: one page following live, parallelism', runs: ROUNDS, median: median(watched), min: Math.min(...watched), max: Math.max(...watched) },
    { case: 'page open vs no page (ratio of medians)', ratio, target: '>= 0.95', met: ratio >= 0.95 },
    { case: "the page's renderer process while following live, % of a core", runs: ROUNDS, median: median(rendererPct), min: Math.min(...rendererPct), max: Math.max(...rendererPct), target: '<= 3', met: median(rendererPct) <= 3 },
  ];
}

async function viewerRounds(server: WebServer, leader: Leader): Promise<BenchRow[]> {
  const params = { kind: 'process', workload: 'cpu', workers: 2, durationS: DURATION_S };
  const alone: number[] = [];
  const watched: number[] = [];
  const serverAlone: number[] = [];
  const serverWatched: number[] = [];
  const perViewer: number[] = [];
  const pid = server.process.pid as number;
  for (let i = 0; i < ROUNDS; i++) {
    let t = cpuTicks(pid);
    let r = await runOnce(leader, params);
    alone.push(r.parallelism);
    serverAlone.push((100 * (cpuTicks(pid) - t)) / CLK_TCK / r.wallS);
    const viewers = await connectViewers(server, VIEWERS);
    try {
      const b0 = viewers.bytes();
      t = cpuTicks(pid);
      r = await runOnce(leader, params);
      watched.push(r.parallelism);
      serverWatched.push((100 * (cpuTicks(pid) - t)) / CLK_TCK / r.wallS);
      perViewer.push((viewers.bytes() - b0) / VIEWERS / r.wallS);
    } finally {
      viewers.close();
    }
  }
  const ratio = median(watched) / median(alone);
  return [
    { case: '2 CPU processes: no viewer, parallelism', runs: ROUNDS, median: median(alone), min: Math.min(...alone), max: Math.max(...alone), server_cpu_pct: median(serverAlone) },
    { case: `2 CPU processes: ${VIEWERS} viewers, parallelism`, runs: ROUNDS, median: median(watched), min: Math.min(...watched), max: Math.max(...watched), server_cpu_pct: median(serverWatched) },
    { case: `${VIEWERS} viewers vs none (ratio of medians)`, ratio, target: '>= 0.97', met: ratio >= 0.97 },
    { case: 'bytes per viewer per second, 2 CPU processes', median: median(perViewer) },
  ];
}

/** A viewer that reads every frame as the page does: its bytes against the one-JSON-frame-per-event encoding of the same events (before issue 14). */
async function bytesOfBusyRun(server: WebServer, leader: Leader): Promise<BenchRow> {
  const viewer = bridgeClient(`${server.url.replace(/^http/, 'ws')}bridge`, server.viewerToken);
  let bytes = 0;
  viewer.ws.on('message', (data: Buffer) => (bytes += data.length));
  await viewer.opened;
  try {
    const [b0, e0] = [bytes, viewer.events().length];
    const r = await runOnce(leader, { kind: 'thread', workload: 'mixed', workers: 16, durationS: DURATION_S });
    await new Promise((resolve) => setTimeout(resolve, 300)); // the viewer's last frames
    const events = viewer.events().slice(e0);
    const json = events.reduce((a, event) => a + Buffer.byteLength(JSON.stringify({ kind: 'event', event })), 0);
    const segments = events.reduce((a, e) => a + (e.type === 'segments' ? e.segments.length : 0), 0);
    const sent = bytes - b0;
    return { case: 'bytes per viewer per second, 16 mixed threads', median: sent / r.wallS, json_per_s: json / r.wallS, ratio: sent / json, target: '<= 0.25', met: sent / json <= 0.25, segments, bytes_per_segment: sent / segments, parallelism: r.parallelism };
  } finally {
    viewer.ws.close();
  }
}

const server = await startWebServer();
const rows: BenchRow[] = [];
const loadBefore = await loadAverage();
try {
  const leader = bridgeClient(`${server.url.replace(/^http/, 'ws')}bridge`, server.token);
  await leader.opened;
  const only = process.env.BUDGET_BENCH ?? 'all';
  if (only === 'all' || only === 'page') rows.push(...(await pageRounds(server, leader)));
  if (only === 'all' || only === 'viewers') rows.push(...(await viewerRounds(server, leader)));
  if (only === 'all' || only === 'bytes') rows.push(await bytesOfBusyRun(server, leader));
  leader.ws.close();
} finally {
  await server.stop();
}
await report('budget', "The observer's budget: what a page and viewers cost a run (real corelanes web)", rows, [
  `${ROUNDS} alternating pairs of ${DURATION_S} s runs; ratios of medians; load average ${loadBefore.toFixed(2)} before, ${(await loadAverage()).toFixed(2)} after`,
  'parallelism: the run-ended metrics (workers\' on-CPU time over the active window)',
  "viewers: ws clients in the bench's process that count bytes and parse nothing (they stand for other devices)",
  "server CPU: /proc/<pid>/stat of the corelanes web process (main, sampler, serving; process workers are its children and not counted)",
]);
