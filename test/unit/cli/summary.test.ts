import { describe, expect, it } from 'vitest';
import { formatSummary, formatVerdict, percentSplit } from '../../../src/main/cli/run/format-summary';
import { median, summarize, summarizeCommand } from '../../../src/main/cli/run/summary';
import { cpuNumbers } from '../../../src/main/presets/lib/cpu-verdict';
import { RunParamsSchema, TRACE_FORMAT, TRACE_VERSION, type Trace } from '../../../src/shared';
import { verdictFixture } from '../../support/verdict';

const trace: Trace = {
  format: TRACE_FORMAT,
  version: TRACE_VERSION,
  machine: { os: 'linux', kernel: '6', arch: 'x64', cpuModel: 'cpu', logicalCores: 2, coresObservable: true, runtimes: {} },
  run: { runId: 'r1', scenarioId: null, params: RunParamsSchema.parse({ kind: 'process', workers: 2 }), startedAt: '2026-01-01T00:00:00Z', wallMs: 1000 },
  tasks: [],
  segments: [],
  markers: [],
  memory: [],
  annotations: [],
  metrics: {
    wallMs: 1000,
    cpuMs: 1800,
    parallelism: 1.8,
    unitsPerSecond: 100,
    cores: [
      { core: 0, busyMs: 900, utilization: 0.9 },
      { core: 1, busyMs: 900, utilization: 0.9 },
    ],
    sampler: { intervalMs: 1, samples: 990, rateHz: 990, cpuPercent: 2.5, gaps: 0, maxGapMs: 1.5, source: 'proc', requested: 'auto', refusal: { reason: 'not-allowed', errno: 'EACCES', message: 'perf events are off', enable: 'sysctl kernel.perf_event_paranoid=2' } },
    tasks: [
      { taskId: 'w0', kind: 'process', label: 'process 0', pid: 10, tid: 10, onCpuMs: 900, waitMs: 5, coreMs: { '0': 675, '1': 225 }, migrations: 1, spawnMs: 40, unitsDone: 50, exitReason: 'finished' },
      { taskId: 'w1', kind: 'process', label: 'process 1', pid: 11, tid: 11, onCpuMs: 900, waitMs: 7, coreMs: { '1': 900 }, migrations: 0, spawnMs: 60, unitsDone: 50, exitReason: 'hung' },
    ],
  },
};

describe('summarize', () => {
  it('has the --json fields of issue 2', () => {
    const s = summarize(trace);
    expect(s).toMatchObject({ wallMs: 1000, parallelism: 1.8, sampler: { rateHz: 990, cpuPercent: 2.5 } });
    expect(s.tasks[0]).toMatchObject({ kind: 'process', pid: 10, tid: 10, onCpuMs: 900, waitMs: 5, coreMs: { '0': 675, '1': 225 }, migrations: 1, spawnMs: 40 });
    expect(s.tasks[0]?.coreShare).toEqual({ '0': 0.75, '1': 0.25 });
    expect(s.spawn).toEqual({ medianMs: 50, maxMs: 60, phaseMs: null, batch: null });
  });

  it("says what Corelanes itself used (--json own, and one line of the text), and what was not measured", () => {
    const t: Trace = structuredClone(trace);
    const own = (id: 'main' | 'sampler', onCpuMs: number) => ({ taskId: id, kind: id, label: `${id} thread`, pid: 1, tid: 1, onCpuMs, waitMs: 0, coreMs: {}, migrations: 0, spawnMs: 0, unitsDone: null, exitReason: 'finished' as const });
    t.metrics!.tasks.push(own('main', 40), own('sampler', 25));
    t.metrics!.own = { otherThreadsMs: 15 };
    const s = summarize(t);
    expect(s.own).toEqual({ mainMs: 40, samplerMs: 25, otherThreadsMs: 15, totalMs: 80, cores: 0.08 });
    expect(formatSummary(s)).toContain('Corelanes itself used 0.08 cores: main thread 40 ms, sampler thread 25 ms, rest of its process 15 ms.');
    // An older trace: the lanes it has, and the rest said to be not measured.
    expect(summarize(trace).own).toEqual({ mainMs: null, samplerMs: null, otherThreadsMs: null, totalMs: 0, cores: 0 });
    expect(formatSummary(summarize(trace))).toContain("Corelanes' own cost: not measured in this run.");
  });

  it('of a traced command names the command and its real kinds, and makes up no kind, workload or spawn latency', () => {
    const s = summarizeCommand(trace, ['python3', 'x.py']);
    expect(s).toMatchObject({ command: ['python3', 'x.py'], kind: 'command', kinds: ['process'], workload: null, workers: 2, spawn: { medianMs: null, maxMs: null } });
    for (const t of s.tasks) expect(t.spawnMs).toBeNull();
    const text = formatSummary(s);
    expect(text.split('\n')[0]).toBe('Trace r1 of `python3 x.py`: 2 tasks (process)');
    expect(text).not.toMatch(/workload cpu| 0\.0 ms|x thread/);
    expect(text).toMatch(/process 0\s+process\s+10\s+10\s+900\.0 ms\s+5\.0 ms\s+1\s+-\s+-\s+finished/);
    // Exiting is how a traced program's tasks end: no '!' line for it, only for crashes and kills.
    const exited = summarizeCommand({ ...trace, metrics: { ...trace.metrics!, tasks: trace.metrics!.tasks.map((t) => ({ ...t, exitReason: 'exited' as const })) } }, ['x']);
    expect(formatSummary(exited)).not.toContain('!');
    expect(text).toContain('! process 1: hung');
  });

  it('of a trace file of a command (run.command, params null) is the command summary, from the file alone', () => {
    const file: Trace = { ...trace, run: { ...trace.run, scenarioId: 'trace', params: null, command: { argv: ['python3', 'x.py'], intervalMs: 2 } } };
    const s = summarize(file);
    expect(s).toMatchObject({ command: ['python3', 'x.py'], kind: 'command', workload: null, workers: 2, spawn: { medianMs: null, maxMs: null } });
    expect(formatSummary(s).split('\n')[0]).toBe('Trace r1 of `python3 x.py`: 2 tasks (process)');
    expect(summarize({ ...file, metrics: { ...file.metrics!, sampler: null } }).sampler.intervalMs).toBe(2);
    expect(cpuNumbers(file)).not.toHaveProperty('workers');
  });

  it("prints the verdicts' numbers (activeParallelism, unitsPerActiveSecond) under the run line, with the same values", () => {
    const t: Trace = structuredClone(trace);
    const task = (id: string) => ({ id, kind: 'process' as const, label: id, pid: 10, tid: 10, addressSpace: 10, parentId: null, workload: 'cpu' as const, requestedMs: 50, startedMs: 100, exitMs: 900, exitReason: 'finished' as const, exitDetail: null });
    t.tasks = [task('w0'), task('w1')];
    t.segments = [
      { taskId: 'w0', startMs: 100, endMs: 900, state: 'running', core: 0, onCpuNs: 700e6, waitNs: 0 },
      { taskId: 'w1', startMs: 100, endMs: 900, state: 'running', core: 1, onCpuNs: 500e6, waitNs: 0 },
    ];
    const n = cpuNumbers(t);
    const s = summarize(t);
    expect(s.active.parallelism).toBe(n.activeParallelism);
    expect(s.active.unitsPerSecond).toBe(n.unitsPerActiveSecond);
    const text = formatSummary(s);
    expect(text).toContain(`activeParallelism ${n.activeParallelism!.toFixed(3)}`);
    expect(text).toContain(`unitsPerActiveSecond ${n.unitsPerActiveSecond!.toFixed(1)}`);
    // The run line's parallelism is over the wall time, and says so.
    expect(text).toMatch(/parallelism 1\.80 \(on-CPU time of the workers \/ wall time\)/);
  });

  it('median of even and odd lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('formatSummary', () => {
  it('prints per task, per core, parallelism, sampler cost and abnormal ends', () => {
    const text = formatSummary(summarize(trace));
    expect(text).toContain('parallelism 1.80');
    expect(text).toMatch(/process 0\s+process\s+10\s+10\s+900\.0 ms\s+5\.0 ms\s+1\s+40\.0 ms\s+-\s+finished\s+0:75% 1:25%/);
    expect(text).toContain('990 Hz');
    expect(text).toContain('2.5% of one core');
    // auto fell back to /proc: the summary says why and what enables exact mode
    expect(text).toContain('Scheduling: sampled from /proc every 1 ms: exact mode is not allowed here (perf events are off); to enable it: sysctl kernel.perf_event_paranoid=2');
    expect(text).toMatch(/core 0 .* 90% busy/);
    expect(text).toContain('! process 1: hung');
  });

  it("splits each task's on-CPU time per core in % that add up to 100, naming the part on no known core '?'", () => {
    const t: Trace = structuredClone(trace);
    t.metrics!.tasks[0] = { ...t.metrics!.tasks[0]!, onCpuMs: 100, coreMs: { '0': 52, '1': 5 } };
    const s = summarize(t);
    expect(s.tasks[0]?.unknownCoreShare).toBeCloseTo(0.43, 3);
    expect(formatSummary(s)).toMatch(/finished\s+0:52% 1:5% \?:43%$/m);
    for (const parts of [[['0', 1 / 3], ['1', 1 / 3], ['?', 1 / 3]], [['0', 0.675], ['1', 0.2255], ['?', 0.0995]]] as [string, number][][]) {
      expect(percentSplit(parts).reduce((a, [, p]) => a + p, 0)).toBe(100);
    }
  });

  it('gives the spawn phase (run.spawnPhase) in the JSON and the text; an older trace without one gives nulls and no phase', () => {
    const t: Trace = structuredClone(trace);
    t.run.spawnPhase = { startMs: 12.5, endMs: 3212.5, workers: 2, batch: 4 };
    const s = summarize(t);
    expect(s.spawn).toEqual({ medianMs: 50, maxMs: 60, phaseMs: 3200, batch: 4 });
    expect(formatSummary(s)).toContain("spawn latency: median 50.0 ms, max 60.0 ms (request to the worker's first instruction); spawn phase 3200.0 ms, at most 4 starting at once");
    expect(summarize(trace).spawn).toEqual({ medianMs: 50, maxMs: 60, phaseMs: null, batch: null });
    expect(formatSummary(summarize(trace))).not.toContain('spawn phase');
  });

  it('prints a verdict: its answer, claim, sentence, labelled numbers with units, and the machine', () => {
    const text = formatVerdict(verdictFixture('p', { status: 'inconclusive', explanation: 'Inconclusive: the machine was busy.', numbers: [{ key: 'k', label: 'Cores used', value: 1.234567, unit: 'cores' }, { key: 'm', label: 'Spawn', value: 52.3, unit: 'ms' }] }));
    expect(text).toContain('Verdict (p): INCONCLUSIVE');
    expect(text).toContain('Inconclusive: the machine was busy.');
    expect(text).toContain('Cores used: 1.23 cores');
    expect(text).toContain('Spawn: 52 ms');
    expect(text).toContain('other programs used 0.1 cores, bare busy loops got 1.95 cores; 3 repeats');
  });
});

describe('formatPresetList', () => {
  it('lists each preset with its claim and says why one is unavailable', async () => {
    const { formatPresetList } = await import('../../../src/main/cli/run/format-summary');
    const text = formatPresetList([
      { id: 'a', title: 'A', claim: 'claim a', params: {}, available: true, unavailableReason: null },
      { id: 'b', title: 'B', claim: null, params: {}, available: false, unavailableReason: 'no python3 on the PATH' },
    ]);
    expect(text).toBe('a\n  A\n  claim: claim a\nb  [unavailable: no python3 on the PATH]\n  B');
    expect(formatPresetList([])).toMatch(/No presets/);
  });
});
