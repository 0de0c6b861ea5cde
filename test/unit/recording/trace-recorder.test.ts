import { describe, expect, it } from 'vitest';
import { TraceSchema, type Segment } from '../../../src/shared';
import { TraceRecorder } from '../../../src/main/engine/recording/trace-recorder';
import { describeMachine } from '../../../src/main/platform/machine';

const seg = (taskId: string, startMs: number, endMs: number, state: Segment['state'] = 'running', core: number | null = 0): Segment => ({
  taskId,
  startMs,
  endMs,
  state,
  core: state === 'running' ? core : null,
  onCpuNs: (endMs - startMs) * 1e6,
  waitNs: 0,
});

describe('TraceRecorder', () => {
  it('merges a segment that continues the same task, state and core (batch cuts cost nothing)', () => {
    const r = new TraceRecorder();
    r.addSegments([seg('a', 0, 25), seg('b', 0, 25)]);
    r.addSegments([seg('a', 25, 50), seg('b', 25, 50, 'running', 1)]);
    r.addSegments([seg('a', 50, 60, 'sleep'), seg('a', 60, 70)]);
    const { segments } = r.snapshot();
    expect(segments.filter((s) => s.taskId === 'a').map((s) => [s.startMs, s.endMs, s.state])).toEqual([
      [0, 50, 'running'],
      [50, 60, 'sleep'],
      [60, 70, 'running'],
    ]);
    expect(segments.find((s) => s.taskId === 'a')!.onCpuNs).toBe(50e6);
    expect(segments.filter((s) => s.taskId === 'b')).toHaveLength(2);
  });

  it('never merges an inferred segment into an observed one', () => {
    const r = new TraceRecorder();
    r.addSegments([{ ...seg('a', 0, 10, 'gil-wait'), inferred: true }, seg('a', 10, 20, 'gil-wait')]);
    expect(r.snapshot().segments).toHaveLength(2);
  });

  it('does not alter the segments it was given', () => {
    const r = new TraceRecorder();
    const first = seg('a', 0, 10);
    r.addSegments([first]);
    r.addSegments([seg('a', 10, 20)]);
    expect(first.endMs).toBe(10);
  });

  it('keeps a window in memory: only what a chunk took leaves it, open segments stay until sealed, nothing is lost', () => {
    const r = new TraceRecorder({ segments: 10, markers: 4, memory: 4 });
    r.addSegments([seg('b', 0, 100, 'sleep')]); // b's one segment stays open the whole time
    for (let i = 0; i < 30; i++) r.addSegments([seg('a', i, i + 1, i % 2 ? 'running' : 'sleep')]);
    r.addMarkers([0, 1, 2, 3, 4, 5].map((t) => ({ tMs: t, kind: 'annotation' as const, taskId: null })));
    r.addMemory([0, 1, 2, 3, 4, 5].map((t) => ({ tMs: t, addressSpace: 1, rssBytes: 1 })));
    expect(r.overWindow).toBe(true);
    r.evict(); // nothing was written yet: nothing may go
    expect(r.counts).toMatchObject({ segments: 31, markers: 6, memory: 6 });
    const first = r.takeChunk(30);
    // a's last segment and b's are open: they wait for a later chunk
    expect(first.segments).toHaveLength(29);
    expect(first.segments.some((s) => s.taskId === 'b')).toBe(false);
    r.evict();
    expect(r.counts.segments).toBeLessThanOrEqual(10);
    expect(r.counts.markers).toBe(3);
    expect(r.evicted).toEqual({ segments: 31 - r.counts.segments, markers: 3, memory: 3 });
    r.addSegments([seg('a', 30, 31, 'io')]);
    r.sealAll();
    const second = r.takeChunk(31);
    const all = [...first.segments, ...second.segments].sort((x, y) => x.taskId.localeCompare(y.taskId) || x.startMs - y.startMs);
    expect(all).toHaveLength(32);
    expect(all.filter((s) => s.taskId === 'a').map((s) => s.startMs)).toEqual(Array.from({ length: 31 }, (_, i) => i));
    expect(second.seq).toBe(1);
    // The running sums still cover every segment, though most left memory.
    const metrics = r.metrics({ wallMs: 100, logicalCores: 1, sampler: null });
    expect(metrics.tasks).toEqual([]); // no task records: the sums live per task id
    r.putTask({ id: 'a', kind: 'thread', label: 'a', pid: 1, tid: 2, addressSpace: 1, parentId: null, workload: 'cpu', requestedMs: 0, startedMs: 0, exitMs: null, exitReason: null, exitDetail: null });
    expect(r.metrics({ wallMs: 100, logicalCores: 1, sampler: null }).tasks[0]!.onCpuMs).toBeCloseTo(31, 6); // 31 segments of 1 ms each (this fixture counts every state as on-CPU)
  });

  it('its trace is valid and whole while nothing left memory', () => {
    const r = new TraceRecorder({ segments: 100, markers: 100, memory: 100 });
    for (let i = 0; i < 30; i++) r.addSegments([seg('a', i, i + 1, i % 2 ? 'running' : 'sleep')]);
    r.putTask({ id: 'a', kind: 'thread', label: 'a', pid: 1, tid: 2, addressSpace: 1, parentId: null, workload: 'cpu', requestedMs: 0, startedMs: 0, exitMs: null, exitReason: null, exitDetail: null });
    const machine = describeMachine({
      platform: 'linux',
      kernelRelease: '6.18',
      kernelVersion: '#1',
      arch: 'x64',
      cpuModels: ['cpu'],
      logicalCores: 2,
      procSchedstat: true,
      versions: { node: '20.20.0' },
    });
    const trace = r.toTrace(machine, { runId: 'r1', scenarioId: null, params: { workload: 'cpu', kind: 'thread', workers: 1, durationS: 1, workUnits: null, intervalMs: 1, memoryMb: 64, switchIntervalMs: 5, python: 'python3', source: 'auto' }, startedAt: new Date(0).toISOString(), wallMs: 30 }, null);
    expect(r.whole).toBe(true);
    expect(TraceSchema.safeParse(trace).success).toBe(true);
    expect(trace.segments).toHaveLength(30);
  });

  it('keeps tasks and lets them be updated', () => {
    const r = new TraceRecorder();
    r.putTask({ id: 'a', kind: 'thread', label: 'a', pid: 1, tid: 2, addressSpace: 1, parentId: null, workload: 'cpu', requestedMs: 0, startedMs: null, exitMs: null, exitReason: null, exitDetail: null });
    expect(r.updateTask('a', { startedMs: 3 })?.startedMs).toBe(3);
    expect(r.updateTask('missing', { startedMs: 3 })).toBeNull();
    expect(r.snapshot().tasks).toHaveLength(1);
  });
});
