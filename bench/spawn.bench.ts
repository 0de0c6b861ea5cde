// Spawn latency of a worker thread vs a worker process: from the engine's
// request to the worker's first instruction (its `hello` startedAtMono), as
// the engine measures it for every worker. Sequential spawns into a live run,
// each followed by a bare spawn of the same kind in the same run, measured the
// same way (bench/lib/bare-spawn.ts): issue 9's ratio rows.
//   node --import tsx bench/spawn.bench.ts
import { createEngine } from '../src/main/engine/create-engine';
import { createNodeForkLauncher } from '../src/main/engine/launchers/node-fork-launcher';
import type { WorkerKind } from '../src/shared';
import { builtEntries } from '../test/support/entries';
import { bareSpawnMs } from './lib/bare-spawn';
import { report, type BenchRow } from './lib/report';

const SPAWNS = 25;

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

async function measure(kind: Extract<WorkerKind, 'thread' | 'process'>): Promise<BenchRow> {
  const engine = createEngine({ entries: builtEntries(), launcher: createNodeForkLauncher() });
  const session = await engine.startRun({ kind, workers: 1, workload: 'io', durationS: 300 });
  const started = new Set<string>();
  session.subscribe((e) => {
    if (e.type === 'task' && e.task.startedMs !== null) started.add(e.task.id);
  });
  const bare: number[] = [];
  for (let i = 0; i < SPAWNS; i++) {
    const id = await session.addWorker(kind);
    while (!started.has(id)) await new Promise((r) => setTimeout(r, 2));
    await session.removeWorker(id);
    bare.push(...(await bareSpawnMs(kind === 'thread' ? 'thread' : 'process')));
  }
  bare.sort((a, b) => a - b);
  const trace = await session.stop();
  await engine.dispose();
  const latencies = trace.tasks
    .filter((t) => t.id !== 'w0' && t.kind === kind && t.startedMs !== null)
    .map((t) => t.startedMs! - t.requestedMs)
    .sort((a, b) => a - b);
  // Beyond the spawn: when the engine had the worker's hello and sent it `start` (what a worker loads after its first instruction delays this).
  const startOrders = trace.tasks
    .filter((t) => t.id !== 'w0' && t.kind === kind && t.startedMs !== null)
    .map((t) => (trace.markers.find((m) => m.kind === 'message-sent' && m.taskId === t.id && m.text === 'start')?.tMs ?? Number.NaN) - t.requestedMs)
    .filter((ms) => !Number.isNaN(ms))
    .sort((a, b) => a - b);
  return {
    kind,
    spawns: latencies.length,
    medianMs: quantile(latencies, 0.5),
    p95Ms: quantile(latencies, 0.95),
    minMs: latencies[0]!,
    maxMs: latencies.at(-1)!,
    bareMedianMs: quantile(bare, 0.5),
    vsBare: `${(quantile(latencies, 0.5) / quantile(bare, 0.5)).toFixed(2)}x`,
    target: kind === 'thread' ? '<= 1.5x' : '<= 1.2x',
    startOrderMedianMs: startOrders.length > 0 ? quantile(startOrders, 0.5) : null,
  };
}

const rows = [await measure('thread'), await measure('process')];
await report('spawn', 'Spawn latency: request to first instruction in the worker', rows, [
  `${SPAWNS} sequential spawns per kind into a running session (1 I/O worker already running), each removed before the next.`,
  'A thread is a worker_threads Worker in the host process; a process is child_process.fork of the same bundled entry.',
  'The worker stamps its first instruction as its bundle starts to run (src/workers/runtime/first-instruction.ts); a process also starts a new V8 and Node runtime.',
  'startOrderMedianMs: request to the engine sending `start` (it had the worker\'s hello): includes what the worker loads after its first instruction, and the hello\'s trip.',
  'bare: after each engine spawn, a bare new Worker (eval) or node -e with an IPC channel that stamps its first instruction and posts it; vsBare = engine median / bare median.',
]);
