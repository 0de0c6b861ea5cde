import { describe, expect, it } from 'vitest';
import type { MachineLoad } from '../../../src/shared';
import { judgeParallel, judgeTurns } from '../../../src/main/presets/lib/cpu-verdict';
import { judgeIo, type IoMeasured } from '../../../src/main/presets/lib/io-compare';
import { disagree, guard, median, spread } from '../../../src/main/presets/lib/stats';
import { judgeRace } from '../../../src/main/presets/race-counter';
import { judgeCrash, type CrashOutcomes } from '../../../src/main/presets/crash';
import { judgeOversubscribe } from '../../../src/main/presets/oversubscribe';
import { judgePools } from '../../../src/main/presets/pools';
import { judgeSpawn } from '../../../src/main/presets/spawn-cost';
import { judgeSweep } from '../../../src/main/presets/speedup-sweep';
import { judgeMessageCost } from '../../../src/main/presets/message-cost';
import type { PathCost } from '../../../src/main/presets/rigs/message-rig';

// Every verdict with hand-made numbers, for every outcome: a quiet 2-core
// machine, a saturated one (other programs on every core), and one core.
const quiet: MachineLoad = { cores: 2, otherCores: 0.1, baselineCores: 1.95 };
const saturated: MachineLoad = { cores: 2, otherCores: 1.6, baselineCores: 0.8 };
const oneCore: MachineLoad = { cores: 1, otherCores: 0, baselineCores: 1 };
const busyButRoomy: MachineLoad = { cores: 2, otherCores: 1.2, baselineCores: 1.6 };

describe('statistics', () => {
  it('median and spread', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(spread([1, 1, 1])).toBe(0);
    expect(spread([1, 2, 3])).toBe(1);
    expect(spread([5])).toBe(0);
    // From 8 values on, the middle half: one stray send among many does not decide.
    expect(spread([1, 1, 1, 1, 1, 1, 1, 1, 1, 64])).toBe(0);
    expect(spread([1, 1, 1, 1, 30, 30, 30, 30])).toBeGreaterThan(1);
  });

  it('disagree: with a threshold, only a range on both sides of it; without one, a range over half the median', () => {
    expect(disagree([1.3, 2.5, 1.8], 1)).toBe(false);
    expect(disagree([0.9, 2.5, 1.8], 1)).toBe(true);
    expect(disagree([0.5, 0.9, 0.7], 1)).toBe(false);
    expect(disagree([1.3, 2.5, 1.8])).toBe(true);
    // Many values: the middle half decides, so two stray sends below 1 among 10 do not.
    expect(disagree([0.5, 0.8, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 2], 1)).toBe(false);
  });

  it('guard: disagreeing repeats are inconclusive; a busy machine turns a negative answer inconclusive, never a positive one', () => {
    const no = { status: 'not-supported' as const, explanation: 'They did not.' };
    expect(guard(no, quiet, { label: 'x', values: [1, 1.1, 1] }).status).toBe('not-supported');
    const wide = guard(no, quiet, { label: 'ratio', values: [0.3, 1, 0.9] });
    expect(wide).toMatchObject({ status: 'inconclusive' });
    expect(wide.explanation).toMatch(/3 repeats disagreed \(ratio from 0\.3 to 1\)/);
    const busy = guard(no, busyButRoomy, { label: 'x', values: [] });
    expect(busy.status).toBe('inconclusive');
    expect(busy.explanation).toMatch(/the machine was busy \(60% of the cores used by other programs\)/);
    expect(guard({ status: 'supported', explanation: 'Yes.' }, busyButRoomy, { label: 'x', values: [] }).status).toBe('supported');
  });
});

describe('parallel claims (cpu-threads, cpu-processes, python-cpu-processes)', () => {
  const p = (parallelism: number[], baselines: (number | null)[], machine = quiet) => judgeParallel({ what: '2 processes', workers: 2, parallelism, baselines, machine });
  it('supported when the workers got what bare busy loops got', () => {
    const j = p([1.85, 1.9, 1.8], [1.95, 1.9, 1.92]);
    expect(j.status).toBe('supported');
    expect(j.explanation).toMatch(/2 processes used 1\.85 cores together .* 2 bare busy loops got 1\.92/);
  });
  it('not supported when they got half of it or less on a quiet machine; partly between', () => {
    expect(p([0.95, 1, 0.98], [1.95, 1.9, 1.92]).status).toBe('not-supported');
    expect(p([1.3, 1.25, 1.3], [1.95, 1.9, 1.92]).status).toBe('partly');
  });
  it('inconclusive on a saturated machine (the baseline had no room) and on one core', () => {
    const j = p([0.7, 0.75, 0.7], [0.8, 0.85, 0.75], saturated);
    expect(j.status).toBe('inconclusive');
    expect(j.explanation).toMatch(/bare busy loops got only 0\.8 of 2 cores/);
    expect(p([1, 1, 1], [1, 1, 1], oneCore).status).toBe('inconclusive');
  });
  it('a load that drops the workers but not the baseline is inconclusive, not "not supported"', () => {
    expect(p([0.9, 0.9, 0.95], [1.6, 1.6, 1.6], busyButRoomy).status).toBe('inconclusive');
  });
  it('repeats that disagree are inconclusive', () => {
    expect(p([0.4, 1.9, 1.8], [1.9, 1.9, 1.9]).status).toBe('inconclusive');
  });
  it("says what Corelanes itself used, in the same one sentence, and when that was at least half of the workers' shortfall", () => {
    const own = (parallelism: number[], ownCores: number | null) => judgeParallel({ what: '2 processes', workers: 2, parallelism, baselines: [1.95, 1.9, 1.92], machine: quiet, ownCores });
    const yes = own([1.85, 1.9, 1.8], 0.09);
    expect(yes.status).toBe('supported');
    expect(yes.explanation).toMatch(/^2 processes used 1\.85 cores together while they ran \(Corelanes itself used 0\.09\), and 2 bare busy loops got 1\.92 in the same run: they ran in parallel\.$/);
    // 1.92 - 1.3 = 0.62 short; 0.35 of it is Corelanes' own.
    const partly = own([1.3, 1.25, 1.3], 0.35);
    expect(partly.status).toBe('partly');
    expect(partly.explanation).toMatch(/\(Corelanes itself used 0\.35\).*partly parallel, and Corelanes itself used at least half of the difference\.$/);
    expect(own([1.3, 1.25, 1.3], 0.1).explanation).not.toMatch(/half of the difference/);
    // Not measured: no number made up.
    expect(own([1.85, 1.9, 1.8], null).explanation).not.toMatch(/Corelanes/);
    // A busy machine's inconclusive answer says it too.
    const busy = judgeParallel({ what: '2 processes', workers: 2, parallelism: [0.7, 0.75, 0.7], baselines: [0.8, 0.85, 0.75], machine: saturated, ownCores: 0.07 });
    expect(busy.explanation).toMatch(/\(the workers: 0\.7; Corelanes itself: 0\.07\), so there was no room/);
    for (const j of [yes, partly]) expect(j.explanation.split(/\.\s/)).toHaveLength(1);
  });
});

describe('turns claims (gil-cpu-threads, python-cpu-threads) against their contrast', () => {
  const t = (parallelism: number[], contrast: number[], progress = [0.9, 0.9, 0.9], machine = quiet) =>
    judgeTurns({ what: '2 GIL threads', contrastWhat: '2 plain threads', workers: 2, parallelism, contrast, progress, machine });
  it('supported when GIL threads use about one core while plain threads use two', () => {
    const j = t([0.98, 1, 0.97], [1.9, 1.85, 1.92]);
    expect(j.status).toBe('supported');
    expect(j.explanation).toMatch(/2 GIL threads used 0\.98 cores together, 2 plain threads 1\.9 in the same run/);
  });
  it('not supported when they run as parallel as the contrast; partly in between or when one starves', () => {
    expect(t([1.8, 1.85, 1.8], [1.9, 1.85, 1.92]).status).toBe('not-supported');
    expect(t([1.4, 1.45, 1.4], [1.9, 1.85, 1.92]).status).toBe('partly');
    expect(t([1, 1, 1], [1.9, 1.85, 1.92], [0.05, 0.1, 0.1]).status).toBe('partly');
  });
  it('the old bug: 0.71 cores "supported" while plain threads got 0.62 is now inconclusive (no room to tell)', () => {
    const j = t([0.71, 0.7, 0.72], [0.62, 0.6, 0.65], undefined, saturated);
    expect(j.status).toBe('inconclusive');
    expect(j.explanation).toMatch(/2 plain threads got only 0\.62 of 2 cores/);
  });
  it('one core is inconclusive', () => {
    expect(t([1, 1, 1], [1, 1, 1], undefined, oneCore).status).toBe('inconclusive');
  });
});

describe('io claims', () => {
  const m = (over: Partial<IoMeasured>): IoMeasured => ({
    threadRate: [280, 290, 285],
    processRate: [270, 275, 280],
    threadSpawnMs: [20, 22, 25],
    processSpawnMs: [150, 160, 170],
    processRssBytes: 85 * 2 ** 20,
    machine: quiet,
    ...over,
  });
  it('io-threads: threads keep up and start faster (the old "not supported" at 282.7 vs 219.2 units/s is supported: threads did more)', () => {
    expect(judgeIo(m({}), 'thread').status).toBe('supported');
    expect(judgeIo(m({ threadRate: [282.7, 282.7, 282.7], processRate: [219.2, 219.2, 219.2] }), 'thread').status).toBe('supported');
    expect(judgeIo(m({ threadRate: [100, 100, 100], processRate: [200, 200, 200] }), 'thread').status).toBe('partly');
    expect(judgeIo(m({ threadRate: [100, 100, 100], processRate: [200, 200, 200], threadSpawnMs: [300, 300, 300] }), 'thread').status).toBe('not-supported');
  });
  it('io-processes: slower to spawn, memory of their own, no more work', () => {
    expect(judgeIo(m({}), 'process').status).toBe('supported');
    expect(judgeIo(m({ processRate: [600, 600, 600] }), 'process').status).toBe('partly');
    expect(judgeIo(m({ processSpawnMs: [10, 10, 10] }), 'process').status).toBe('not-supported');
  });
  it('a saturated machine or disagreeing repeats make it inconclusive', () => {
    expect(judgeIo(m({ threadRate: [100, 100, 100], processRate: [200, 200, 200], threadSpawnMs: [300, 300, 300], machine: saturated }), 'thread').status).toBe('inconclusive');
    expect(judgeIo(m({ threadRate: [100, 300, 600] }), 'thread').status).toBe('inconclusive');
  });
});

describe('race-counter', () => {
  const run = (lost: number, ms = 10) => ({ expected: 2e6, counted: 2e6 - lost, lost, ms });
  it('supported when plain loses and Atomics never does', () => {
    expect(judgeRace([run(0), run(1000), run(5)], [run(0), run(0), run(0)], quiet).status).toBe('supported');
  });
  it('Atomics losing anything is not supported, whatever the load', () => {
    expect(judgeRace([run(1000)], [run(1)], saturated).status).toBe('not-supported');
  });
  it('no loss: not supported with two free cores, inconclusive on one core or a saturated machine', () => {
    expect(judgeRace([run(0), run(0)], [run(0), run(0)], quiet).status).toBe('not-supported');
    expect(judgeRace([run(0), run(0)], [run(0), run(0)], saturated).status).toBe('inconclusive');
    expect(judgeRace([run(0), run(0)], [run(0), run(0)], oneCore).status).toBe('inconclusive');
  });
});

describe('crash', () => {
  const o = (over: Partial<CrashOutcomes> = {}): CrashOutcomes => ({
    thread: { crashed: true, others: 2 },
    victim: { threadsBefore: 13, threadsAfter: 0, signal: 'SIGABRT' },
    process: { crashed: true, others: 2 },
    otherWorkers: 2,
    ...over,
  });
  it('supported when each case ends as claimed; not supported when one does not; inconclusive without the victim', () => {
    expect(judgeCrash(o()).status).toBe('supported');
    const bad = judgeCrash(o({ process: { crashed: true, others: 0 } }));
    expect(bad.status).toBe('not-supported');
    expect(bad.explanation).toMatch(/^abort of a worker process ended otherwise/);
    expect(judgeCrash(o({ victim: { threadsBefore: 13, threadsAfter: 3, signal: null } })).status).toBe('not-supported');
    expect(judgeCrash(o({ victim: null })).status).toBe('inconclusive');
  });
});

describe('oversubscribe', () => {
  const m = (shares: number[], runQueueShare: number, machine = quiet) => ({ workers: 8, shares, runQueueShare, parallelism: 1.8, machine });
  it('supported when each gets a share and waiting grows; partly or not otherwise; inconclusive with a core each', () => {
    expect(judgeOversubscribe(m([0.2, 0.22, 0.25, 0.21, 0.2, 0.19, 0.23, 0.22], 0.68)).status).toBe('supported');
    expect(judgeOversubscribe(m([0.2, 0.22, 0.25, 0.21, 0.2, 0.19, 0.23, 0.22], 0.1)).status).toBe('partly');
    expect(judgeOversubscribe(m([1, 1, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2], 0.1)).status).toBe('not-supported');
    expect(judgeOversubscribe(m([1, 1, 1, 1, 1, 1, 1, 1], 0, { cores: 8, otherCores: 0, baselineCores: null })).status).toBe('inconclusive');
  });
});

describe('pools', () => {
  it('supported, partly (threads cost as much as processes), not supported, and inconclusive when busy', () => {
    const t = (tp: number, tq: number, pp: number, pq: number) => ({ tasks: 24, thread: { perTaskMs: tp, pooledMs: tq }, process: { perTaskMs: pp, pooledMs: pq } });
    expect(judgePools(t(3000, 200, 3500, 250), quiet).status).toBe('supported');
    expect(judgePools(t(3000, 200, 2000, 250), quiet).status).toBe('partly');
    expect(judgePools(t(100, 200, 3500, 250), quiet).status).toBe('not-supported');
    expect(judgePools(t(100, 200, 3500, 250), saturated).status).toBe('inconclusive');
  });
});

describe('spawn-cost', () => {
  it('supported when processes start slower; not supported otherwise; inconclusive when busy', () => {
    expect(judgeSpawn([20, 25, 22, 21], [150, 160, 170, 155], 85e6, quiet).status).toBe('supported');
    expect(judgeSpawn([150, 160, 170, 155], [150, 150, 150, 150], 85e6, quiet).status).toBe('not-supported');
    expect(judgeSpawn([150, 160, 170, 155], [150, 150, 150, 150], 85e6, saturated).status).toBe('inconclusive');
  });

  it('repeats that all say "a process is slower" agree however far apart (1.3x to 2.5x); one on the other side of 1 makes it inconclusive', () => {
    expect(judgeSpawn([100, 100, 100, 100], [130, 250, 180, 140], 85e6, quiet).status).toBe('supported');
    const across = judgeSpawn([100, 100, 100, 100], [90, 250, 180, 140], 85e6, quiet);
    expect(across.status).toBe('inconclusive');
    expect(across.explanation).toMatch(/process \/ thread spawn from 0\.9 to 2\.5, on both sides of 1/);
  });
});

describe('speedup-sweep', () => {
  const s = (thread: number, proc: number, proc4: number, gil: number) => ({ thread: { 1: 1, 2: thread }, process: { 1: 1, 2: proc, 4: proc4 }, 'gil-thread': { 1: 1, 2: gil } });
  it('supported only when threads and processes scale, processes stop at the cores and the GIL stays flat', () => {
    expect(judgeSweep(s(1.9, 1.9, 1.95, 0.95), 2, quiet).status).toBe('supported');
    expect(judgeSweep(s(1.9, 1.9, 1.95, 1.8), 2, quiet).status).toBe('partly');
    expect(judgeSweep(s(1.9, 1.9, 3.5, 0.95), 2, quiet).status).toBe('partly');
  });
  it('the old bug: processes at 0.85x on 2 workers is no longer "supported"', () => {
    expect(judgeSweep(s(1.48, 0.85, 0.9, 0.79), 2, quiet).status).toBe('not-supported');
  });
  it('one core or no room for parallelism: inconclusive', () => {
    expect(judgeSweep(s(1, 1, 1, 1), 1, oneCore).status).toBe('inconclusive');
    expect(judgeSweep(s(1, 0.85, 0.9, 0.79), 2, saturated).status).toBe('inconclusive');
  });
});

describe('message-cost', () => {
  const MB = 2 ** 20;
  const cost = (path: PathCost['path'], bytes: number, us: number, faults: number | null = null): PathCost => ({ path, bytes, reps: 3, latencyUs: us, mbPerS: 0, samplesUs: [us, us, us], faults, systemMs: faults ? faults * 0.0077 : null });
  const table = (cloneUs: number, processUs: number, zeroCopyUs: number) => [
    cost('clone', MB, cloneUs / 64), cost('transfer', MB, 50), cost('shared', MB, 300), cost('process', MB, processUs / 64),
    cost('clone', 64 * MB, cloneUs, 32768), cost('transfer', 64 * MB, zeroCopyUs), cost('shared', 64 * MB, zeroCopyUs * 2), cost('process', 64 * MB, processUs),
  ];
  it('supported when processes are slower and zero-copy wins, with the page faults in the sentence', () => {
    const j = judgeMessageCost(table(100_000, 290_000, 240), [MB, 64 * MB], quiet);
    expect(j.status).toBe('supported');
    expect(j.explanation).toMatch(/clone to a thread took 100 ms.*copy to a process 290 ms; the clone touched 32,768 fresh pages \(minor page faults\) per send, 252 ms of kernel time/);
  });
  it('partly when zero-copy loses, not supported when a process is faster, inconclusive when that happens on a busy machine', () => {
    expect(judgeMessageCost(table(100_000, 290_000, 200_000), [MB, 64 * MB], quiet).status).toBe('partly');
    const no = judgeMessageCost(table(400_000, 290_000, 240), [MB, 64 * MB], quiet);
    expect(no.status).toBe('not-supported');
    expect(no.explanation).toMatch(/^A process was not slower than a thread: at 1MB a copy to a process took 4\.53 ms and a clone 6\.25 ms, at 64MB a copy to a process took 290 ms and a clone 400 ms\.$/);
    expect(judgeMessageCost(table(400_000, 290_000, 240), [MB, 64 * MB], saturated).status).toBe('inconclusive');
  });
  it('sends that disagree at any size of 1 MB or more (16 MB reuses or maps fresh memory) are inconclusive, naming the size', () => {
    const costs = table(100_000, 290_000, 240);
    const bimodal = costs.find((c) => c.path === 'clone' && c.bytes === MB)!;
    bimodal.samplesUs = [4000, 100_000, 5000];
    const j = judgeMessageCost(costs, [MB, 64 * MB], quiet);
    expect(j.status).toBe('inconclusive');
    expect(j.explanation).toMatch(/process \/ clone at 1MB from/);
  });
});
