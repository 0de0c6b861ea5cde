import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Segment } from '../../../src/shared';
import { createSampler, type Sampler } from '../../../src/main/engine/sampling';
import { switchRecordsHere } from '../switch-records/fixtures/recording';
import { samplerRig } from './fixtures/sampler-rig';
import { startBusyThread } from './fixtures/busy-threads';
import { monoMs, schedstat, sleep } from './fixtures/proc-probe';

// The sampler's source choice on the real kernel: exact switch records when
// allowed (a lane from the task's birth), /proc when refused, saying why.
// Short runs; under the CPU lock:
//   flock /tmp/corelanes-heavy.lock npx vitest run --project integration test/integration/sampler/sampler-source.test.ts
const here = process.platform === 'linux' ? switchRecordsHere() : { ok: false as const, why: 'not Linux' };

describe.runIf(process.platform === 'linux')('the sampler picks its source and says which', () => {
  const rig = samplerRig();
  const threads = rig.threads;

  const collect = (sampler: Sampler) => {
    const segments: Segment[] = [];
    const born: { taskId: string; tMs: number }[] = [];
    sampler.onBatch((b) => {
      segments.push(...b.segments);
      born.push(...(b.born ?? []));
    });
    return { segments, born };
  };

  it.runIf(here.ok)('auto uses exact switch records: a thread born after the sampler started has its lane from its birth, with all the CPU the kernel counted', async () => {
    const runStartMono = monoMs();
    const sampler = await createSampler({ samplerEntry: rig.entry, intervalMs: 1, runStartMono, drainMs: 25 });
    expect(sampler.source).toEqual({ used: 'exact', refusal: null });
    const got = collect(sampler);
    const helloMs = () => monoMs() - runStartMono;
    const t = await startBusyThread({ burstMs: 20, sleepMs: 2 });
    const saidTidMs = helloMs();
    threads.push(t);
    sampler.track({ taskId: 'busy', pid: t.pid, tid: t.tid });
    await sleep(600);
    t.pause();
    await sleep(100);
    const kernelNs = schedstat(t.pid, t.tid).onCpuNs; // everything since its birth
    await sleep(100);
    sampler.untrack('busy');
    const stats = await sampler.stop();

    expect(stats).toMatchObject({ source: 'exact', requested: 'auto', refusal: null, lostRecords: 0 });
    expect(stats.records).toBeGreaterThan(0);
    const born = got.born.find((b) => b.taskId === 'busy');
    expect(born).toBeDefined();
    const mine = got.segments.filter((s) => s.taskId === 'busy').sort((a, b) => a.startMs - b.startMs);
    // The lane starts at the kernel's FORK, before the thread could say its tid.
    expect(mine[0]!.startMs).toBeCloseTo(born!.tMs, 3);
    expect(born!.tMs).toBeLessThan(saidTidMs);
    const beforeHelloNs = mine.filter((s) => s.endMs <= saidTidMs).reduce((a, s) => a + s.onCpuNs, 0);
    expect(beforeHelloNs).toBeGreaterThan(0); // its start-up CPU is drawn
    const tracedNs = mine.reduce((a, s) => a + s.onCpuNs, 0);
    // Whole life vs the kernel's own count (the kernel moves wake-up latency between tasks: docs/sampling.md).
    expect(Math.abs(tracedNs - kernelNs) / kernelNs).toBeLessThan(0.05);
  });

  it.runIf(here.ok)('exact: a process not created by this one (orphaned to init) is watched from when it is tracked', async () => {
    const out = execFileSync('sh', ['-c', "sh -c 'while :; do :; done' >/dev/null 2>&1 & echo $!"], { encoding: 'utf8' });
    const pid = Number(out.trim());
    try {
      const sampler = await createSampler({ samplerEntry: rig.entry, intervalMs: 1, runStartMono: monoMs(), drainMs: 25 });
      const got = collect(sampler);
      const before = schedstat(pid, pid).onCpuNs;
      sampler.track({ taskId: 'orphan', pid, tid: pid });
      await sleep(400);
      sampler.untrack('orphan');
      const after = schedstat(pid, pid).onCpuNs;
      await sleep(100);
      await sampler.stop();
      const traced = got.segments.filter((s) => s.taskId === 'orphan').reduce((a, s) => a + s.onCpuNs, 0);
      expect(traced).toBeGreaterThan(0.5 * (after - before));
      expect(traced).toBeLessThan(1.1 * (after - before));
    } finally {
      process.kill(pid, 'SIGKILL');
    }
  });

  it('/proc: a thread born during the run has its start-up drawn from its birth (stat field 22), with all the CPU the kernel counted', async () => {
    const runStartMono = monoMs();
    const sampler = await createSampler({ samplerEntry: rig.entry, intervalMs: 1, runStartMono, source: 'proc' });
    const got = collect(sampler);
    const t = await startBusyThread({ burstMs: 20, sleepMs: 2 });
    threads.push(t);
    await sleep(50); // tracked late, as a worker that says its tid late: its counters already hold its start
    sampler.track({ taskId: 'busy', pid: t.pid, tid: t.tid });
    await sleep(300);
    t.pause();
    await sleep(100);
    const kernelNs = schedstat(t.pid, t.tid).onCpuNs;
    sampler.untrack('busy');
    await sleep(50);
    await sampler.stop();
    const born = got.born.find((b) => b.taskId === 'busy');
    expect(born).toBeDefined();
    const mine = got.segments.filter((s) => s.taskId === 'busy').sort((a, b) => a.startMs - b.startMs);
    expect(mine[0]!.startMs).toBeLessThanOrEqual(born!.tMs + 0.001);
    const tracedNs = mine.reduce((a, s) => a + s.onCpuNs, 0);
    // /proc totals are the kernel's own counters: from birth, they match closely.
    expect(Math.abs(tracedNs - kernelNs) / kernelNs).toBeLessThan(0.01);
    const runningMs = mine.filter((s) => s.state === 'running').reduce((a, s) => a + (s.endMs - s.startMs), 0);
    expect(runningMs).toBeLessThanOrEqual((kernelNs / 1e6) * 1.02 + 2);
  });

  it('auto falls back to /proc when perf_event_open is refused (EACCES injected at the kernel boundary) and says why and how to enable it', async () => {
    const sampler = await createSampler({ samplerEntry: rig.entry, intervalMs: 2, runStartMono: monoMs(), denyExact: 'EACCES' });
    expect(sampler.source.used).toBe('proc');
    expect(sampler.source.refusal).toMatchObject({ reason: 'not-allowed', errno: 'EACCES' });
    expect(sampler.source.refusal!.enable).toMatch(/perf_event_paranoid|CAP_PERFMON|seccomp/);
    const got = collect(sampler);
    sampler.track({ taskId: 'main', pid: process.pid, tid: process.pid });
    await sleep(150);
    const stats = await sampler.stop();
    expect(stats).toMatchObject({ source: 'proc', requested: 'auto', refusal: { errno: 'EACCES' } });
    expect(got.segments.some((s) => s.taskId === 'main')).toBe(true);
  });

  it('exact asked for and refused fails with the reason, not a silent fallback; proc asked for is proc', async () => {
    await expect(createSampler({ samplerEntry: rig.entry, intervalMs: 1, runStartMono: monoMs(), source: 'exact', denyExact: 'EPERM' })).rejects.toThrow(/exact scheduling is not allowed here: .*EPERM/);
    const proc = await createSampler({ samplerEntry: rig.entry, intervalMs: 2, runStartMono: monoMs(), source: 'proc' });
    expect(proc.source).toEqual({ used: 'proc', refusal: null, cpuBudgetPercent: 3 }); // the default budget, said with the source
    expect(await proc.stop()).toMatchObject({ source: 'proc', requested: 'proc' });
  });
});
