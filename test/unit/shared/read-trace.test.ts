import { describe, expect, it } from 'vitest';
import { RunParamsSchema, TRACE_FORMAT, TRACE_VERSION, readTrace, type Trace } from '../../../src/shared';
import { syntheticTrace } from '../../support/synthetic-trace';

const good: Trace = {
  format: TRACE_FORMAT,
  version: TRACE_VERSION,
  machine: { os: 'linux', kernel: '6', arch: 'x64', cpuModel: 'cpu', logicalCores: 2, coresObservable: true, runtimes: {} },
  run: { runId: 'r1', scenarioId: null, params: RunParamsSchema.parse({}), startedAt: '2026-01-01T00:00:00Z', wallMs: 1000 },
  tasks: [],
  segments: [],
  markers: [],
  memory: [],
  annotations: [],
  metrics: null,
};

describe('readTrace', () => {
  it('accepts a trace', () => {
    expect(readTrace(good)).toEqual({ ok: true, trace: good });
    const rich = syntheticTrace({ seed: 3 });
    expect(readTrace(JSON.parse(JSON.stringify(rich)))).toEqual({ ok: true, trace: rich });
  });

  it('reads a version 1 trace (before annotations) as version 2 with none', () => {
    const { annotations: _, ...v1 } = { ...syntheticTrace({ seed: 4 }), version: 1 };
    const read = readTrace(JSON.parse(JSON.stringify(v1)));
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(read.trace.version).toBe(2);
      expect(read.trace.annotations).toEqual([]);
      expect(read.trace.segments).toEqual(v1.segments);
    }
  });

  it('fills an annotation without a task or an arrow with nulls', () => {
    const trace = syntheticTrace({ seed: 5 });
    const json = JSON.parse(JSON.stringify(trace));
    json.annotations = [{ id: 'n', startMs: 1, endMs: 2, text: 'note' }];
    const read = readTrace(json);
    expect(read.ok && read.trace.annotations).toEqual([{ id: 'n', startMs: 1, endMs: 2, text: 'note', taskId: null, arrow: null }]);
  });

  it("says in words why a file is not a readable trace, never in zod's wording", () => {
    const trace = syntheticTrace({ seed: 6 });
    const seg = trace.segments[0]!;
    const cases: [unknown, RegExp][] = [
      [{ hello: 1 }, /^This file is not a Corelanes trace \(it has no "format": "corelanes-trace"\)/],
      [[1, 2], /not a Corelanes trace/],
      [{ ...good, version: 7 }, /format version 7, made by a newer Corelanes; this one reads versions 1 to 2/],
      [{ ...good, version: '2' }, /no valid format version \(it holds the text "2"\)/],
      [{ ...good, segments: [{ taskId: 'w0' }] }, /^This Corelanes trace is damaged: segments\[0\]\.\w+ has a wrong or missing value \(it holds nothing; expected a \w+\)\.$/],
      [{ ...trace, segments: [{ ...seg, startMs: 'NaN' }] }, /segments\[0\]\.startMs has a wrong or missing value \(it holds the text "NaN"; expected a number\)/],
      [{ ...trace, segments: [{ ...seg, endMs: seg.startMs - 1 }] }, /segments\[0\] ends \(.*\) before it starts/],
      [{ ...trace, segments: [{ ...seg, taskId: 'nobody' }] }, /belongs to task 'nobody', which the trace does not have/],
      [{ ...trace, segments: [seg, { ...seg, startMs: seg.startMs + 0.1, endMs: seg.endMs + 5 }] }, /segments\[0\] and segments\[1\] of task '[\w.]+' overlap/],
      [{ ...trace, tasks: [...trace.tasks, trace.tasks[0]] }, /repeats the task id/],
      [{ ...trace, annotations: [{ ...trace.annotations[0], arrow: { taskId: 'ghost', tMs: 1 } }] }, /points at task 'ghost'/],
      [{ ...trace, segments: { length: 3 } }, /segments is missing or not a list \(it holds an object\)/],
    ];
    for (const [json, message] of cases) {
      const r = readTrace(json);
      expect(r.ok, String(message)).toBe(false);
      if (!r.ok) {
        expect(r.error).toMatch(message);
        expect(r.error).not.toMatch(/Invalid input|\n/);
      }
    }
  });

  it('keeps adjacent segments whose ends differ by float rounding', () => {
    const trace = syntheticTrace({ seed: 7 });
    const [a, b] = trace.segments.filter((s) => s.taskId === 'w0');
    expect(b!.startMs).toBe(a!.endMs);
    b!.startMs -= 1e-7;
    expect(readTrace(JSON.parse(JSON.stringify(trace))).ok).toBe(true);
  });
});
