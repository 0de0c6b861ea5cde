import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { PHASE_SLOT, RunParamsSchema, FromWorkerSchema, type FromWorker } from '../../../src/shared';
import { createGilBuffer, gilCounters, gilViews, newCursor, readEvents } from '../../../src/node/gil';
import { monoMs } from '../../../src/node/clock';
import { bundleEntry } from './bundle-entry';
import { followCpu } from './schedstat';

let entry = '';
const workers: Worker[] = [];
beforeAll(async () => {
  entry = await bundleEntry('src/workers/gil-thread-entry.ts');
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.terminate()));
});

interface Ran {
  wallMs: number;
  cpuMs: number[];
  units: number[];
  gil: SharedArrayBuffer;
}

/** Runs n real gil-threads sharing one GIL for durationS, measuring each thread's on-CPU time from schedstat. */
async function runGilThreads(n: number, durationS: number, switchIntervalMs: number, workload: 'cpu' | 'io' = 'cpu'): Promise<Ran> {
  const gil = createGilBuffer(switchIntervalMs);
  const slots = new SharedArrayBuffer(n * PHASE_SLOT.length * 4);
  const hellos: Promise<{ tid: number; done: Promise<number> }>[] = [];
  for (let i = 0; i < n; i++) {
    const w = new Worker(entry, { workerData: { gil, gilIndex: i + 1, phaseSlot: { buffer: slots, offset: i * PHASE_SLOT.length * 4 } } });
    workers.push(w);
    hellos.push(
      new Promise((resolve, reject) => {
        let resolveDone: (u: number) => void = () => {};
        const done = new Promise<number>((r) => (resolveDone = r));
        w.on('error', reject);
        w.on('message', (raw) => {
          const m: FromWorker = FromWorkerSchema.parse(raw);
          if (m.type === 'hello') resolve({ tid: m.tid!, done });
          if (m.type === 'done') resolveDone(m.unitsDone);
        });
      }),
    );
  }
  const started = await Promise.all(hellos);
  const cpu = followCpu(started.map((s) => s.tid));
  const t0 = monoMs();
  const params = RunParamsSchema.parse({ kind: 'gil-thread', workload, durationS, switchIntervalMs });
  for (const w of workers) w.postMessage({ type: 'start', taskId: 't', params, requestedAtMono: t0 });
  const units = await Promise.all(started.map((s) => s.done));
  const wallMs = monoMs() - t0;
  const cpuMs = cpu.stop();
  return { wallMs, cpuMs, units, gil };
}

describe('simulated GIL with real worker threads', () => {
  it('two CPU-bound gil-threads take turns: parallelism <= 1.15 and both progress', async () => {
    const r = await runGilThreads(2, 1.5, 5);
    const parallelism = (r.cpuMs[0]! + r.cpuMs[1]!) / r.wallMs;
    expect(parallelism).toBeLessThanOrEqual(1.15);
    expect(Math.min(...r.units)).toBeGreaterThan(0.2 * Math.max(...r.units));
    const { handovers } = gilCounters(r.gil);
    // ~1.5 s at a 5 ms switch interval: roughly 150-300 hand-overs (each waiter waits one interval).
    expect(handovers).toBeGreaterThan(1500 / 5 / 4);
    expect(handovers).toBeLessThan(1500 / 5 * 2.5);
  });

  it('hand-overs happen about every switch interval, and each is recorded with its wait', async () => {
    const r = await runGilThreads(2, 1, 5);
    const events = readEvents(gilViews(r.gil), newCursor());
    const handovers = events.filter((e) => e.kind === 'handover');
    const waits = events.filter((e) => e.kind === 'wait');
    expect(handovers.length).toBeGreaterThan(20);
    expect(waits.length).toBeGreaterThanOrEqual(handovers.length - 2);
    const gaps = handovers.slice(1).map((h, i) => h.tMs - handovers[i]!.tMs).sort((a, b) => a - b);
    const median = gaps[gaps.length >> 1]!;
    expect(median).toBeGreaterThan(5 * 0.8);
    expect(median).toBeLessThan(5 * 3);
    // Every recorded hand-over alternates between the two threads.
    expect(handovers.every((h) => h.from !== h.to && [1, 2].includes(h.from) && [1, 2].includes(h.to))).toBe(true);
  });

  it('at a 0.1 ms switch interval the threads still take turns, switching often', async () => {
    // The rate itself is bounded by wake-up latency when other processes keep the cores
    // busy (measured in bench/gil.bench.ts), so only the invariants are asserted here.
    // Every hand-over also costs both threads CPU (~55 us to wake and take the lock, per
    // the bench), thousands of times a second: the cores used stay far from 2, not at 1.
    const r = await runGilThreads(2, 0.6, 0.1);
    expect((r.cpuMs[0]! + r.cpuMs[1]!) / r.wallMs).toBeLessThanOrEqual(1.3);
    expect(Math.min(...r.units)).toBeGreaterThan(0.2 * Math.max(...r.units));
    expect(gilCounters(r.gil).handovers).toBeGreaterThan(50);
  });

  it('I/O-bound gil-threads drop the GIL while they wait', async () => {
    const r = await runGilThreads(2, 0.6, 5, 'io');
    // Each I/O step is a 5 ms sleep without the GIL: both threads get through about the same number.
    expect(Math.min(...r.units)).toBeGreaterThan(0.6 * Math.max(...r.units));
    expect(Math.min(...r.units)).toBeGreaterThan(20);
  });
});
