import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { Segment } from '../../../src/shared';
import { SegmentSchema } from '../../../src/shared';
import { createSampler } from '../../../src/main/engine/sampling';
import { samplerRig } from './fixtures/sampler-rig';
import { startBusyThread } from './fixtures/busy-threads';
import { monoMs, schedstat, sleep } from './fixtures/proc-probe';
import { busyLoopCores } from '../../support/baseline';

// Real threads, real /proc, the real sampler thread. Run under the CPU lock:
//   flock /tmp/corelanes-cpu.lock npx vitest run --project integration test/integration/sampler/sampler-accuracy.test.ts
const linux = process.platform === 'linux';

describe.runIf(linux)('sampler on real threads and real /proc', () => {
  const rig = samplerRig();
  const threads = rig.threads;

  async function record(run: (s: Awaited<ReturnType<typeof createSampler>>) => Promise<void>) {
    const sampler = await createSampler({ samplerEntry: rig.entry, intervalMs: 1, runStartMono: monoMs(), source: 'proc' });
    const segments: Segment[] = [];
    sampler.onBatch((b) => segments.push(...b.segments));
    await run(sampler);
    const stats = await sampler.stop();
    return { segments, stats, tid: sampler.tid };
  }

  const sumBy = (segs: Segment[], taskId: string, f: (s: Segment) => number) =>
    segs.filter((s) => s.taskId === taskId).reduce((a, s) => a + f(s), 0);

  it('puts exactly the schedstat delta between track and untrack into the segments', async () => {
    const t = await startBusyThread({ startPaused: true, burstMs: 30, sleepMs: 5 });
    threads.push(t);
    await sleep(100);
    const before = schedstat(t.pid, t.tid);
    let after = before;
    const { segments, stats, tid } = await record(async (s) => {
      s.track({ taskId: 'busy', pid: t.pid, tid: t.tid });
      await sleep(50);
      t.resume();
      await sleep(1500);
      t.pause();
      await sleep(100);
      s.untrack('busy');
      await sleep(50);
      after = schedstat(t.pid, t.tid);
    });
    for (const seg of segments) expect(SegmentSchema.safeParse(seg).success).toBe(true);
    const kernelNs = after.onCpuNs - before.onCpuNs;
    const tracedNs = sumBy(segments, 'busy', (s) => s.onCpuNs);
    expect(kernelNs).toBeGreaterThan(100e6); // it really ran
    expect(Math.abs(tracedNs - kernelNs) / kernelNs).toBeLessThan(0.01);
    const runningMs = sumBy(segments.filter((s) => s.state === 'running'), 'busy', (s) => s.endMs - s.startMs);
    expect(runningMs).toBeGreaterThan(0.5 * (kernelNs / 1e6));
    expect(tid).toBeGreaterThan(0);
    expect(stats.samples).toBeGreaterThan(100);
    expect(stats.source).toBe('proc');
  });

  it('attributes a thread pinned with taskset to core 0 in >= 99% of its running time', async () => {
    const t = await startBusyThread({ burstMs: 20, sleepMs: 2 });
    threads.push(t);
    execFileSync('taskset', ['-p', '-c', '0', String(t.tid)], { stdio: 'ignore' });
    await sleep(20);
    const { segments } = await record(async (s) => {
      s.track({ taskId: 'pinned', pid: t.pid, tid: t.tid });
      await sleep(1000);
      s.untrack('pinned');
    });
    const running = segments.filter((s) => s.taskId === 'pinned' && s.state === 'running');
    const total = running.reduce((a, s) => a + s.onCpuNs, 0);
    const onCore0 = running.filter((s) => s.core === 0).reduce((a, s) => a + s.onCpuNs, 0);
    expect(total).toBeGreaterThan(100e6);
    expect(onCore0 / total).toBeGreaterThanOrEqual(0.99);
  });

  // Other programs on a shared machine can take a core for a while: up to two retries.
  it.runIf(availableParallelism() >= 2)('shows two busy threads running in parallel (>= 0.7 x the cores two bare busy loops get)', { retry: 2 }, async () => {
    const baseline = await busyLoopCores(2);
    const a = await startBusyThread({ startPaused: true, burstMs: 1000 });
    const b = await startBusyThread({ startPaused: true, burstMs: 1000 });
    threads.push(a, b);
    let wallMs = 0;
    const before = [schedstat(a.pid, a.tid), schedstat(b.pid, b.tid)];
    let after = before;
    const { segments } = await record(async (s) => {
      s.track({ taskId: 'a', pid: a.pid, tid: a.tid });
      s.track({ taskId: 'b', pid: b.pid, tid: b.tid });
      await sleep(20);
      const t0 = monoMs();
      a.resume();
      b.resume();
      await sleep(1500);
      a.pause();
      b.pause();
      wallMs = monoMs() - t0;
      await sleep(30);
      s.untrack('a');
      s.untrack('b');
      await sleep(30);
      after = [schedstat(a.pid, a.tid), schedstat(b.pid, b.tid)];
    });
    const kernelMs = (after[0]!.onCpuNs - before[0]!.onCpuNs + after[1]!.onCpuNs - before[1]!.onCpuNs) / 1e6;
    const onCpuMs = (sumBy(segments, 'a', (s) => s.onCpuNs) + sumBy(segments, 'b', (s) => s.onCpuNs)) / 1e6;
    // The sampler's numbers are the kernel's (exact totals), and they show two cores busy at once.
    expect(Math.abs(onCpuMs - kernelMs) / kernelMs).toBeLessThan(0.01);
    expect(onCpuMs / wallMs).toBeGreaterThanOrEqual(0.7 * baseline);
  });
});
