// Replay to late joiners (issue 11): a run of 1M segments is going on, then 10
// browsers join at once with the viewer link. Each event's frame is encoded
// once, by the hub, for every client (HubEntry), so the replay to 10 joiners
// must cost the server one serialisation of the run, not ten; and each
// joiner's first frame must not wait for the whole replay.
//   node --import tsx bench/replay.bench.ts          (REPLAY_SEGMENTS=N for another size)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { createBridgeService } from '../src/main/bridge';
import { encodedFrameCount } from '../src/main/web/frame-batcher';
import { startWebServer } from '../src/main/web';
import { bridgeSubprotocols, type Segment } from '../src/shared';
import { FakeEngine } from '../test/unit/bridge/fake-engine';
import { report, type BenchRow } from './lib/report';

const SEGMENTS = Number(process.env.REPLAY_SEGMENTS ?? 1_000_000);
const PER_EVENT = 1000;
const JOINERS = 10;

const dir = mkdtempSync(join(tmpdir(), 'corelanes-replay-'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Corelanes</title>');
const engine = new FakeEngine();
const service = createBridgeService({ engine, presets: [], log: () => undefined });
const server = await startWebServer({ port: 0, service, rendererDir: dir, log: () => undefined });
await service.invoke('startRun', { params: { workers: 2 } });
const session = engine.sessions[0]!;

// The run so far: segments of two tasks in batches, as the sampler sends them.
const emitStart = performance.now();
for (let done = 0; done < SEGMENTS; done += PER_EVENT) {
  const segments: Segment[] = [];
  for (let i = done; i < Math.min(SEGMENTS, done + PER_EVENT); i++) {
    segments.push({ taskId: `${session.runId}-w${i % 2}`, startMs: i, endMs: i + 0.9, state: 'running', core: i % 2, onCpuNs: 900_000, waitNs: 0 });
  }
  session.emit({ type: 'segments', runId: session.runId, segments });
}
const events = Math.ceil(SEGMENTS / PER_EVENT) + 1; // + run-started
const emitMs = performance.now() - emitStart;
const encodedBefore = encodedFrameCount();

interface Joiner {
  firstFrameMs: number;
  firstEventMs: number;
  replayMs: number;
  bytes: number;
}

function join1(t0: number): Promise<Joiner> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/bridge`, bridgeSubprotocols(server.tokens.viewer));
    const r: Joiner = { firstFrameMs: -1, firstEventMs: -1, replayMs: -1, bytes: 0 };
    let frames = 0;
    ws.on('message', (data: Buffer) => {
      const now = performance.now() - t0;
      frames++;
      r.bytes += data.length;
      if (frames === 1) r.firstFrameMs = now;
      if (frames === 2) r.firstEventMs = now;
      if (frames === events + 1) {
        r.replayMs = now;
        ws.close();
        resolve(r);
      }
    });
    ws.on('error', reject);
  });
}

const t0 = performance.now();
const joined = await Promise.all(Array.from({ length: JOINERS }, () => join1(t0)));
const encodedByReplay = encodedFrameCount() - encodedBefore;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => Math.round(x * 10) / 10;
const rows: BenchRow[] = [
  {
    segments: SEGMENTS,
    events,
    joiners: JOINERS,
    'MiB per joiner': ms(joined[0]!.bytes / 2 ** 20),
    'encodings per event': ms(encodedByReplay / events),
    'first frame ms (median)': ms(median(joined.map((j) => j.firstFrameMs))),
    'first frame ms (max)': ms(Math.max(...joined.map((j) => j.firstFrameMs))),
    'first event ms (median)': ms(median(joined.map((j) => j.firstEventMs))),
    'full replay ms (median)': ms(median(joined.map((j) => j.replayMs))),
    'full replay ms (max)': ms(Math.max(...joined.map((j) => j.replayMs))),
    'emit ms (no client)': ms(emitMs),
  },
];
await report('replay', `Replay of a ${SEGMENTS.toLocaleString('en')}-segment run to ${JOINERS} late joiners at once`, rows, [
  'encodings per event: JSON.stringify calls made by the server during the replay, per event of the run; 1.0 = the run was serialised once for all joiners (the first joiner encodes, the others reuse the bytes).',
  'first frame = the hello, sent before the replay; first event = run-started; full replay = the last segments event of the run so far.',
  'The engine is the bridge tests\' stand-in (FakeEngine), so only the server\'s work is measured; joiners read as fast as they can over loopback.',
]);
await server.close();
await service.dispose();
process.exit(encodedByReplay <= events ? 0 : 1);
