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

  it('stays bounded: beyond the limit it counts drops and says so in the trace', () => {
    const r = new TraceRecorder({ maxSegments: 10, maxMarkers: 2, maxMemorySamples: 1 });
    for (let i = 0; i < 30; i++) r.addSegments([seg('a', i, i + 1, i % 2 ? 'running' : 'sleep')]);
    r.addMarkers([0, 1, 2].map((t) => ({ tMs: t, kind: 'annotation' as const, taskId: null })));
    r.addMemory([0, 1].map((t) => ({ tMs: t, addressSpace: 1, rssBytes: 1 })));
    expect(r.counts).toMatchObject({ segments: 10, markers: 2, memory: 1 });
    expect(r.dropped).toEqual({ segments: 20, markers: 1, memory: 1 });
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
    expect(TraceSchema.safeParse(trace).success).toBe(true);
    expect(trace.markers.at(-1)?.text).toMatch(/dropped 20 segments/);
  });

  it('keeps tasks and lets them be updated', () => {
    const r = new TraceRecorder();
    r.putTask({ id: 'a', kind: 'thread', label: 'a', pid: 1, tid: 2, addressSpace: 1, parentId: null, workload: 'cpu', requestedMs: 0, startedMs: null, exitMs: null, exitReason: null, exitDetail: null });
    expect(r.updateTask('a', { startedMs: 3 })?.startedMs).toBe(3);
    expect(r.updateTask('missing', { startedMs: 3 })).toBeNull();
    expect(r.snapshot().tasks).toHaveLength(1);
  });
});
