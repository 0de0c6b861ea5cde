import { describe, expect, it } from 'vitest';
import { RunParamsSchema, TRACE_FORMAT, TRACE_VERSION, readTrace, type Trace } from '../../../src/shared';

const good: Trace = {
  format: TRACE_FORMAT,
  version: TRACE_VERSION,
  machine: { os: 'linux', kernel: '6', arch: 'x64', cpuModel: 'cpu', logicalCores: 2, coresObservable: true, runtimes: {} },
  run: { runId: 'r1', scenarioId: null, params: RunParamsSchema.parse({}), startedAt: '2026-01-01T00:00:00Z', wallMs: 1000 },
  tasks: [],
  segments: [],
  markers: [],
  memory: [],
  metrics: null,
};

describe('readTrace', () => {
  it('accepts a trace', () => {
    expect(readTrace(good)).toEqual({ ok: true, trace: good });
  });

  it("says in words why a file is not a readable trace, never in zod's wording", () => {
    const cases: [unknown, RegExp][] = [
      [{ hello: 1 }, /^This file is not a Corelanes trace \(it has no "format": "corelanes-trace"\)/],
      [[1, 2], /not a Corelanes trace/],
      [{ ...good, version: 7 }, /format version 7; this Corelanes reads version 1/],
      [{ ...good, segments: [{ taskId: 'w0' }] }, /^This Corelanes trace is damaged: segments\[0\]\.\w+ has a wrong or missing value \(and \d+ more problems?\)\.$/],
    ];
    for (const [json, message] of cases) {
      const r = readTrace(json);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error).toMatch(message);
        expect(r.error).not.toMatch(/Invalid input|expected/);
      }
    }
  });
});
