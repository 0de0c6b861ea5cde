import { describe, expect, it } from 'vitest';
import { clipTrace } from '../../../src/shared';
import { syntheticTrace } from '../../support/synthetic-trace';

describe('clipTrace', () => {
  const trace = syntheticTrace({ seed: 12, durationMs: 1000 });
  const window = clipTrace(trace, 300, 500);

  it('keeps exactly the time inside the window, per task, with on-CPU time in proportion', () => {
    for (const task of trace.tasks) {
      const inside = (segs: typeof trace.segments) => segs.filter((s) => s.taskId === task.id).reduce((a, s) => a + Math.max(0, Math.min(s.endMs, 500) - Math.max(s.startMs, 300)), 0);
      const kept = window.segments.filter((s) => s.taskId === task.id).reduce((a, s) => a + (s.endMs - s.startMs), 0);
      expect(kept).toBeCloseTo(inside(trace.segments), 9);
    }
    for (const s of window.segments) {
      expect(s.startMs).toBeGreaterThanOrEqual(300);
      expect(s.endMs).toBeLessThanOrEqual(500);
      if (s.state === 'running') expect(s.onCpuNs).toBeCloseTo((s.endMs - s.startMs) * 1e6, 0);
    }
  });

  it('keeps every task, and the annotations, markers and memory samples in the window', () => {
    expect(window.tasks).toEqual(trace.tasks);
    expect(window.annotations.map((a) => a.id)).toEqual(['a1']); // 200-400 overlaps; 600 does not
    expect(window.markers).toEqual([]); // the spawn at 1 ms is before the window
    expect(clipTrace(trace, 0, 20).memory).toEqual(trace.memory);
  });
});
