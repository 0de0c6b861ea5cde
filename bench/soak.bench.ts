// Soak: a 16-task I/O run of N minutes (default 10; CORELANES_SOAK_MINUTES=2
// for a short one) recorded the way the app records it: no trace file given,
// so the run spills to a temp file once memory holds more than the window.
// Records the host's RSS over time and counts segments dropped: every segment
// the live view was sent (merged as the recorder merges) minus the segments
// in the file. Issue 16's rows: dropped 0, RSS at the end <= 1.2x RSS at 1 min.
//   npm run bench -- soak
import { createReadStream, readdirSync, readFileSync, rmSync, statSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { createEngine } from '../src/main/engine/create-engine';
import { createNodeForkLauncher } from '../src/main/engine/launchers/node-fork-launcher';
import { defaultRecorderWindow } from '../src/main/engine/recording';
import type { BridgeEvent, Segment } from '../src/shared';
import { builtEntries } from '../test/support/entries';
import { report } from './lib/report';

const MINUTES = Number(process.env.CORELANES_SOAK_MINUTES ?? 10);
const WORKERS = 16;
const SAMPLE_EVERY_MS = 5000;

const rssMiB = (): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;

/** Counts segments as the recorder keeps them (one that continues its task's last is merged), holding only each task's last. */
function liveCounter(): { add(segments: readonly Segment[]): void; readonly count: number } {
  const last = new Map<string, { state: string; core: number | null; inferred: boolean; endMs: number }>();
  let count = 0;
  return {
    add(segments) {
      for (const s of segments) {
        const l = last.get(s.taskId);
        const inferred = s.inferred ?? false;
        if (l && l.state === s.state && l.core === s.core && l.inferred === inferred && Math.abs(l.endMs - s.startMs) < 1e-6) {
          l.endMs = s.endMs;
          continue;
        }
        count++;
        last.set(s.taskId, { state: s.state, core: s.core, inferred, endMs: s.endMs });
      }
    },
    get count() {
      return count;
    },
  };
}

/** Segments in a streamed trace, read line by line (a 10-minute file holds more than the one-document reader opens). */
async function segmentsInFile(path: string): Promise<{ segments: number; footerSegments: number | null; chunks: number }> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  let segments = 0;
  let chunks = 0;
  let footerSegments: number | null = null;
  for await (const line of lines) {
    const json = JSON.parse(line) as { type?: string; segments?: unknown[]; counts?: { segments: number } };
    if (json.type === 'chunk') {
      chunks++;
      segments += json.segments?.length ?? 0;
    } else if (json.type === 'end') footerSegments = json.counts?.segments ?? null;
  }
  return { segments, footerSegments, chunks };
}

const spillDir = mkdtempSync(join(tmpdir(), 'corelanes-soak-'));
const engine = createEngine({ entries: builtEntries(), launcher: createNodeForkLauncher() });
const live = liveCounter();
const off = engine.observe({ onEvent: (e: BridgeEvent) => (e.type === 'segments' ? live.add(e.segments) : undefined) });
const startedAt = Date.now();
const rss: { tS: number; rssMiB: number }[] = [{ tS: 0, rssMiB: rssMiB() }];
const sampler = setInterval(() => {
  rss.push({ tS: Math.round((Date.now() - startedAt) / 1000), rssMiB: rssMiB() });
  if (rss.length % 12 === 0) process.stderr.write(`soak: ${rss.at(-1)!.tS} s, RSS ${rss.at(-1)!.rssMiB.toFixed(0)} MiB, ${live.count} segments\n`);
}, SAMPLE_EVERY_MS);
const session = await engine.startRun({ kind: 'thread', workload: 'io', workers: WORKERS, durationS: MINUTES * 60 }, null, { spillDir });
const trace = await session.done;
clearInterval(sampler);
// The last reading while the run still went on: after it the workers are gone and their memory with them.
const rssEnd = rss.at(-1)!.rssMiB;
const rssAfter = rssMiB();
off();
await engine.dispose();

const folder = readdirSync(spillDir)[0];
const file = folder ? join(spillDir, folder, readdirSync(join(spillDir, folder))[0]!) : null;
const inFile = file ? await segmentsInFile(file) : { segments: trace.segments.length, footerSegments: null, chunks: 0 };
const fileMiB = file ? statSync(file).size / 1024 ** 2 : 0;
const at = (s: number) => rss.reduce((best, r) => (Math.abs(r.tS - s) < Math.abs(best.tS - s) ? r : best)).rssMiB;
const rss1 = at(60);
const peak = Math.max(...rss.map((r) => r.rssMiB));
const wallS = (trace.metrics?.wallMs ?? 0) / 1000;
await report(
  'soak',
  `Soak: ${WORKERS} I/O threads for ${MINUTES} min, recorded as the app does (spill file past a ${defaultRecorderWindow().segments.toLocaleString('en-US')}-segment window)`,
  [
    {
      minutes: MINUTES,
      workers: WORKERS,
      wallS,
      liveSegments: live.count,
      segmentsPerS: live.count / Math.max(1, wallS),
      fileSegments: inFile.segments,
      dropped: live.count - inFile.segments,
      droppedTarget: '0',
      rssAt1MinMiB: rss1,
      rssEndMiB: rssEnd,
      rssAfterRunMiB: rssAfter,
      rssPeakMiB: peak,
      endVs1Min: `${(rssEnd / rss1).toFixed(2)}x`,
      rssTarget: '<= 1.2x',
      fileMiB,
      chunks: inFile.chunks,
      samplerHz: trace.metrics?.sampler?.rateHz ?? null,
      // The engine's main thread records, merges, encodes and writes the chunks: its share of a core over the run.
      mainThreadCores: (trace.metrics?.tasks.find((t) => t.taskId === 'main')?.onCpuMs ?? 0) / Math.max(1, trace.metrics?.wallMs ?? 1),
    },
  ],
  [
    `RSS of this process (the engine and its 16 worker threads), /proc/self/status VmRSS every ${SAMPLE_EVERY_MS / 1000} s; "end" is the last reading while the run went on (at ${rss.at(-1)!.tS} s), "after run" once its trace was handed over and its workers were gone. Over time: ${rss
      .filter((_, i) => i % 12 === 0)
      .map((r) => `${r.tS} s ${r.rssMiB.toFixed(0)}`)
      .join(', ')} MiB.`,
    `dropped = segments the live view was sent (merged as the recorder merges them) - segments in the file (footer says ${inFile.footerSegments ?? 'nothing: no footer'}).`,
    `The trace held in memory at the end kept ${trace.segments.length.toLocaleString('en-US')} segments; file ${file ?? '(none: the run fit in memory)'}.`,
  ],
);
rmSync(spillDir, { recursive: true, force: true });
