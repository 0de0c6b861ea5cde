import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SwitchRecordSource, type PerfKernel, type TimelineOutput } from '../../../src/node/switch-records';
import { loadKernel } from '../../../src/node/switch-records/kernel';
import { onCpuNs, perfFds, startChild, startThread, type TestThread } from './fixtures/tasks';
import { runningUpTo, startRecording, switchRecordsHere } from './fixtures/recording';

// The exact source on the real kernel: real threads, a real child process and
// its threads, all created after the source started. Under the CPU lock:
//   flock /tmp/corelanes-heavy.lock npx vitest run --project integration test/integration/switch-records
const here = switchRecordsHere();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(here.ok)('exact switch records from the real kernel', () => {
  // The kernel's own count (schedstat, sched_stat_runtime) charges a woken task from the moment it
  // was queued, so the wake-up latency (about 5 us from its own CPU, 50 us through an IPI on this VM)
  // counts for the woken task and not for the task that really ran until the switch; on a busy
  // machine other programs' wake-ups move time off our tasks this way too. Switch records say when
  // each task was on a CPU (docs/sampling.md, "Exact totals and the kernel's count",
  // bench/experiments/wake-accounting). So totals agree closely but not to 0.5% per task here (seen:
  // -2% to +3.4% per task, sum -0.2% to -0.9%); a lost or misread switch costs whole milliseconds,
  // and two tasks drawn on one CPU at once would be a bug whatever the load.
  it('gives CPU-bound threads and a forked child process (and its threads) the running totals the kernel counted', async () => {
    const rec = startRecording();
    if ('refusal' in rec) throw new Error(rec.refusal.message);
    const threads: TestThread[] = [];
    const child = await (async () => {
      // CPU-bound (one in 20 ms bursts), 300 ms of CPU each: 3 threads and the child's 3 tasks oversubscribe 2 cores.
      threads.push(await startThread({ workMs: 300 }), await startThread({ workMs: 300, burstMs: 20, sleepMs: 2 }), await startThread({ workMs: 300 }));
      const c = await startChild();
      await Promise.all(threads.map((t) => t.work()));
      return c;
    })();
    try {
      await sleep(100); // everything parked (asleep)
      const atNs = rec.source.nowNs();
      const kernel = [...threads.map((t) => ({ pid: process.pid, tid: t.tid })), ...child.tids.map((tid) => ({ pid: child.pid, tid }))].map((t) => ({
        ...t,
        ns: onCpuNs(t.pid, t.tid),
      }));
      await sleep(100);
      const out = rec.stop();
      const exact = kernel.map((k) => runningUpTo(out.segments, k.tid, atNs));
      const sumKernel = kernel.reduce((n, k) => n + k.ns, 0);
      const sumExact = exact.reduce((n, x) => n + x, 0);
      if (process.env.SWITCH_DEBUG) console.log('exact vs kernel, % per task:', kernel.map((k, i) => (((exact[i]! - k.ns) / k.ns) * 100).toFixed(2)).join(' '), 'sum:', (((sumExact - sumKernel) / sumKernel) * 100).toFixed(3));
      kernel.forEach((k, i) => {
        expect(Math.abs(exact[i]! - k.ns) / k.ns, `tid ${k.tid}: exact ${exact[i]} vs schedstat ${k.ns}`).toBeLessThan(0.05);
      });
      expect(Math.abs(sumExact - sumKernel) / sumKernel).toBeLessThan(0.02);
      // One task per CPU at a time, over every task of this process and the child.
      const running = out.segments.filter((s) => s.state === 'running').sort((a, b) => a.startNs - b.startNs);
      for (const cpu of new Set(running.map((s) => s.cpu))) {
        const on = running.filter((s) => s.cpu === cpu);
        for (let i = 1; i < on.length; i++) expect(on[i]!.startNs, `cpu ${cpu}: tid ${on[i]!.tid} starts before tid ${on[i - 1]!.tid} ends`).toBeGreaterThanOrEqual(on[i - 1]!.endNs);
      }
      // The child and its threads were born under watch: one FORK each.
      for (const tid of child.tids) expect(out.events.filter((e) => e.kind === 'born' && e.tid === tid)).toHaveLength(1);
      expect(out.events).toContainEqual(expect.objectContaining({ kind: 'comm', pid: child.pid, exec: true }));
      expect(out.lost).toEqual([]);
      expect(rec.source.stats().anomalies).toBe(0);
    } finally {
      child.child.stdin!.end();
      await Promise.all(threads.map((t) => t.stop()));
    }
  });

  it('draws a thread pinned with taskset on its core for 100% of its running time, on core 1 and then on core 0', async () => {
    const rec = startRecording();
    if ('refusal' in rec) throw new Error(rec.refusal.message);
    const t = await startThread({ workMs: 100, burstMs: 3, sleepMs: 1 });
    try {
      const runningOn = (fromNs: number, toNs: number) => (segs: TimelineOutput['segments']) => {
        const running = segs.filter((s) => s.tid === t.tid && s.state === 'running' && s.startNs >= fromNs && s.endNs <= toNs);
        const ns = (cpu: number | null) => running.filter((s) => cpu === null || s.cpu === cpu).reduce((n, s) => n + s.endNs - s.startNs, 0);
        return { runs: running.length, total: ns(null), on0: ns(0), on1: ns(1) };
      };
      execFileSync('taskset', ['-p', '-c', '1', String(t.tid)], { stdio: 'ignore' });
      const pinned1 = rec.source.nowNs();
      await t.work(); // parked again: no run spans the change of pin
      execFileSync('taskset', ['-p', '-c', '0', String(t.tid)], { stdio: 'ignore' });
      const pinned0 = rec.source.nowNs();
      await t.work();
      const out = rec.stop();
      const first = runningOn(pinned1, pinned0)(out.segments);
      const second = runningOn(pinned0, Infinity)(out.segments);
      expect(first.runs, 'runs pinned to core 1').toBeGreaterThan(10);
      expect(second.runs, 'runs pinned to core 0').toBeGreaterThan(10);
      expect(first.on1).toBe(first.total);
      expect(second.on0).toBe(second.total);
    } finally {
      await t.stop();
    }
  });

  it("covers a thread's birth: it runs from its FORK on, before its first line of JavaScript", async () => {
    const rec = startRecording();
    if ('refusal' in rec) throw new Error(rec.refusal.message);
    const t = await startThread({ workMs: 0 });
    try {
      await sleep(50);
      const out = rec.stop();
      const firstLineNs = Number(t.firstNs - rec.source.baseNs);
      const born = out.events.find((e) => e.kind === 'born' && e.tid === t.tid);
      const segs = out.segments.filter((s) => s.tid === t.tid);
      const firstRun = segs.find((s) => s.state === 'running')!;
      expect(born).toBeDefined();
      expect(segs[0]).toMatchObject({ startNs: born!.tNs, state: 'runnable' });
      expect(firstRun.startNs).toBeLessThanOrEqual(firstLineNs);
      // Its own counter at its first line is its start-up cost; the lane holds all of it (the
      // counter lags the slice in progress, so the lane may hold a little more).
      expect(t.bornOnCpuNs).toBeGreaterThan(0);
      expect(runningUpTo(out.segments, t.tid, firstLineNs)).toBeGreaterThanOrEqual(0.99 * t.bornOnCpuNs);
    } finally {
      await t.stop();
    }
  });
});

describe.runIf(here.ok)('exact switch records: what is watched', () => {
  // Inherit follows the creator: a thread left out also leaves out what it creates, so only a
  // thread that creates nothing (the reader itself) may be left out.
  it('leaves out a thread it is told to, and still follows a thread created later by another', async () => {
    const left = await startThread({ workMs: 50 });
    const opened = SwitchRecordSource.open({ pids: [process.pid], exceptTids: [left.tid] });
    if (!opened.ok) throw new Error(opened.refusal.message);
    const t = await startThread({ workMs: 50 });
    try {
      await Promise.all([left.work(), t.work()]);
      await sleep(30);
      const out = opened.source.close();
      expect(out.segments.some((s) => s.tid === left.tid)).toBe(false);
      expect(out.segments.some((s) => s.tid === t.tid && s.state === 'running')).toBe(true);
    } finally {
      await Promise.all([left.stop(), t.stop()]);
    }
  });
});

describe.runIf(here.ok)('exact switch records refused by the kernel', () => {
  const real = (() => {
    const k = loadKernel();
    if ('refusal' in k) throw new Error(k.refusal.message);
    return k.kernel;
  })();

  it('reports EACCES from perf_event_open as not allowed, with the reason and what enables it, and leaves no event open', () => {
    const before = perfFds();
    let opens = 0;
    // The real kernel, except that the second open is refused as at perf_event_paranoid 3.
    const refusing: PerfKernel = { ...real, openSwitchEvent: (tid, cpu, inherit) => (opens++ === 0 ? real.openSwitchEvent(tid, cpu, inherit) : -13), paranoid: () => 3 };
    const opened = SwitchRecordSource.open({ pids: [process.pid], kernel: refusing });
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.refusal).toMatchObject({ reason: 'not-allowed', errno: 'EACCES' });
    expect(opened.refusal.message).toContain('kernel.perf_event_paranoid = 3');
    expect(opened.refusal.enable).toMatch(/sysctl kernel\.perf_event_paranoid=2.*CAP_PERFMON/);
    expect(perfFds()).toBe(before);
  });

  it('says a refused ring mapping is the locked-memory budget, after trying a smaller ring', () => {
    const sizes: number[] = [];
    const noMemory: PerfKernel = { ...real, mapRing: (_fd, pages) => (sizes.push(pages), -1) };
    const opened = SwitchRecordSource.open({ pids: [process.pid], kernel: noMemory });
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.refusal).toMatchObject({ reason: 'resources', errno: 'EPERM' });
    expect(sizes).toEqual([64, 8]);
  });

  it('returns a refusal from attach() without throwing, and the source goes on', async () => {
    let refuse = false;
    const sometimes: PerfKernel = { ...real, openSwitchEvent: (tid, cpu, inherit) => (refuse ? -1 : real.openSwitchEvent(tid, cpu, inherit)), paranoid: () => 2 };
    const opened = SwitchRecordSource.open({ pids: [process.pid], kernel: sometimes });
    if (!opened.ok) throw new Error(opened.refusal.message);
    refuse = true;
    const child = await startChild();
    try {
      // The child was created under watch (inherit), so attaching it opens nothing; a stranger would be refused.
      expect(opened.source.attach(child.pid)).toBeNull();
      expect(opened.source.attach(1)).toMatchObject({ reason: 'not-allowed', errno: 'EPERM' });
      expect(opened.source.attach(2 ** 22 + 1)).toMatchObject({ reason: 'failed', errno: 'ESRCH' });
      // A drain returns what is final: what came before the previous drain.
      opened.source.drain();
      await sleep(50);
      expect(opened.source.drain().segments.length).toBeGreaterThan(0);
    } finally {
      opened.source.close();
      child.child.stdin!.end();
    }
  });
});
