import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../src/main/engine/recording/compute-metrics';
import { TraceRecorder } from '../../../src/main/engine/recording/trace-recorder';
import { rounded } from '../../support/rounded';
import { syntheticTrace } from '../../support/synthetic-trace';

describe('the running metrics of a recorder that spills', () => {
  it('equal the metrics of every segment, at any moment, though most segments left memory', () => {
    const trace = syntheticTrace({ seed: 11, durationMs: 2000 });
    const r = new TraceRecorder({ segments: 100, markers: 100, memory: 100 });
    for (const t of trace.tasks) r.putTask({ ...t, bornMs: 0, startedMs: 5 });
    const tasks = trace.tasks.map((t) => ({ ...t, bornMs: 0, startedMs: 5 }));
    const ordered = [...trace.segments].sort((a, b) => a.startMs - b.startMs);
    const step = Math.ceil(ordered.length / 7);
    for (let at = 0; at < ordered.length; at += step) {
      const upTo = ordered.slice(0, at + step);
      r.addSegments(ordered.slice(at, at + step));
      r.takeChunk(at);
      r.evict();
      const wallMs = upTo.at(-1)!.endMs;
      const live = r.metrics({ wallMs, logicalCores: 2, sampler: null });
      expect(rounded(live)).toEqual(rounded(computeMetrics({ tasks, segments: upTo, wallMs, logicalCores: 2, sampler: null })));
    }
    expect(r.evicted.segments).toBeGreaterThan(ordered.length / 2);
    expect(r.metrics({ wallMs: 1, logicalCores: 2, sampler: null }).tasks.some((t) => (t.startupCpuMs ?? 0) > 0)).toBe(true);
  });
});
