import { describe, expect, it } from 'vitest';
import { TraceRecorder } from '../../../src/main/engine/recording/trace-recorder';
import { applyInferredGilWait } from '../../../src/main/python/gil-inference';
import { busySegment } from './fixtures';

const seg = busySegment;

describe('TraceRecorder.transformSegments (inferences laid over a finished run)', () => {
  it('replaces the segments with the overlay: sleep inside an inferred interval becomes inferred gil-wait, running stays', () => {
    const r = new TraceRecorder();
    r.addSegments([seg('w0', 0, 10, 'running'), seg('w0', 10, 30, 'sleep'), seg('w0', 30, 40, 'running')]);
    r.transformSegments((segments) => applyInferredGilWait(segments, [{ taskId: 'w0', startMs: 5, endMs: 25 }]));
    expect(r.snapshot().segments.map((s) => [s.startMs, s.endMs, s.state, s.inferred ?? false])).toEqual([
      [0, 10, 'running', false],
      [10, 25, 'gil-wait', true],
      [25, 30, 'sleep', false],
      [30, 40, 'running', false],
    ]);
  });

  it('keeps merging afterwards: a later segment continuing the last one joins it', () => {
    const r = new TraceRecorder();
    r.addSegments([seg('w0', 0, 10, 'running')]);
    r.transformSegments((segments) => segments);
    r.addSegments([seg('w0', 10, 20, 'running')]);
    expect(r.snapshot().segments.map((s) => [s.startMs, s.endMs])).toEqual([[0, 20]]);
  });
});
