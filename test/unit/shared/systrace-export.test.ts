import { describe, expect, it } from 'vitest';
import { serialiseCpu, systraceComm, toSystrace, type Trace } from '../../../src/shared';
import { parseSystrace } from '../../support/systrace-parse';
import { syntheticTrace } from '../../support/synthetic-trace';

/** The trace's own per-CPU runs, in us: running segments with a core, contiguous ones of a task joined. */
function runsOf(trace: Trace): { cpu: number; pid: number; fromUs: number; toUs: number }[] {
  const tid = new Map(trace.tasks.map((t) => [t.id, t.tid as number]));
  const spans = trace.segments
    .filter((s) => s.state === 'running' && s.core !== null)
    .map((s) => ({ cpu: s.core as number, pid: tid.get(s.taskId) as number, fromUs: Math.round(s.startMs * 1000), toUs: Math.round(s.endMs * 1000) }))
    .sort((a, b) => a.cpu - b.cpu || a.fromUs - b.fromUs);
  const out: typeof spans = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && last.cpu === s.cpu && last.pid === s.pid && last.toUs === s.fromUs) last.toUs = s.toUs;
    else out.push({ ...s });
  }
  return out;
}

const parsedRuns = (text: string) =>
  parseSystrace(text)
    .runs.map(({ cpu, pid, fromUs, toUs }) => ({ cpu, pid, fromUs, toUs }))
    .sort((a, b) => a.cpu - b.cpu || a.fromUs - b.fromUs);

describe('systrace export', () => {
  it('round-trips: parsed back as Perfetto reads it, the per-CPU runs are the trace\'s', () => {
    for (const seed of [1, 2, 3]) {
      const trace = syntheticTrace({ seed, processes: 3, threadsPerProcess: 2, cores: 4, durationMs: 2000, unknownCoreShare: 0.05 });
      const out = toSystrace(trace);
      const parsed = parseSystrace(out.text);
      expect(parsed.failures).toEqual([]);
      expect(parsed.chainBreaks).toEqual([]);
      expect(parsedRuns(out.text)).toEqual(runsOf(trace));
      expect(runsOf(trace).length).toBeGreaterThan(100);
      expect(out.overlap.spans).toBe(0);
    }
  });

  it('has the header Perfetto detects and says what it left out', () => {
    const trace = syntheticTrace({ seed: 4, unknownCoreShare: 0.2 });
    const unknown = trace.segments.filter((s) => s.state === 'running' && s.core === null);
    expect(unknown.length).toBeGreaterThan(0);
    const { text, unknownCore } = toSystrace(trace);
    const lines = text.split('\n');
    expect(lines[0]).toBe('# tracer: nop');
    expect(lines).toContain('#           TASK-PID    TGID   CPU#  ||||    TIMESTAMP  FUNCTION');
    expect(unknownCore.spans).toBe(unknown.length);
    expect(text).toContain(`# corelanes: ${unknown.length} running spans (`);
    expect(text).toMatch(/on no reported core are left out/);
    // Threads are grouped into their process by the TGID column.
    const parsed = parseSystrace(text);
    const thread = trace.tasks.find((t) => t.tid !== t.pid)!;
    expect(parsed.runs.find((r) => r.pid === thread.tid)?.tgid).toBe(thread.addressSpace);
  });

  it('names tasks by their label, without the spaces and = that would break the line', () => {
    const trace = syntheticTrace({ seed: 5 });
    trace.tasks[0]!.label = 'my worker = 1 (x)';
    expect(systraceComm(trace.tasks[0]!.label)).toBe('my_worker_1_(x)');
    const parsed = parseSystrace(toSystrace(trace).text);
    expect(parsed.failures).toEqual([]);
    expect(parsed.runs.find((r) => r.pid === trace.tasks[0]!.tid)?.comm).toBe('my_worker_1_(x)');
  });

  it('serialises two tasks the sampler placed on one core at once: the later start runs, the earlier resumes', () => {
    expect(serialiseCpu([{ taskId: 'a', from: 0, to: 10 }, { taskId: 'b', from: 4, to: 6 }])).toEqual([
      { taskId: 'a', from: 0, to: 4 },
      { taskId: 'b', from: 4, to: 6 },
      { taskId: 'a', from: 6, to: 10 },
    ]);
    expect(serialiseCpu([{ taskId: 'a', from: 0, to: 5 }, { taskId: 'b', from: 3, to: 9 }, { taskId: 'a', from: 9, to: 12 }])).toEqual([
      { taskId: 'a', from: 0, to: 3 },
      { taskId: 'b', from: 3, to: 9 },
      { taskId: 'a', from: 9, to: 12 },
    ]);
    const trace = syntheticTrace({ seed: 6, processes: 1, threadsPerProcess: 2, durationMs: 100 });
    trace.segments = [
      { taskId: 'w0', startMs: 0, endMs: 10, state: 'running', core: 0, onCpuNs: 10e6, waitNs: 0 },
      { taskId: 'w0.1', startMs: 4, endMs: 6, state: 'running', core: 0, onCpuNs: 2e6, waitNs: 0 },
      { taskId: 'w0.1', startMs: 6, endMs: 20, state: 'sleep', core: null, onCpuNs: 0, waitNs: 0 },
    ];
    trace.tasks[0]!.exitMs = 10;
    const out = toSystrace(trace);
    expect(out.overlap).toEqual({ spans: 1, ms: 2 });
    expect(out.text).toMatch(/# corelanes: 1 running spans overlapped another on the same core \(2\.0 ms, sampling\)/);
    const parsed = parseSystrace(out.text);
    expect(parsed.chainBreaks).toEqual([]);
    expect(parsed.runs.map((r) => [r.pid, r.fromUs, r.toUs])).toEqual([
      [1000, 0, 4000],
      [1001, 4000, 6000],
      [1000, 6000, 10000],
    ]);
    // prev_state says what each task did next: w0 was preempted (R+), w0.1 went to sleep (S), w0 ended (X).
    const states = parsed.lines.map((l) => `${l.args.get('prev_pid')}:${l.args.get('prev_state')}`);
    expect(states).toEqual(['0:R', '1000:R+', '1001:S', '1000:X']);
  });
});
