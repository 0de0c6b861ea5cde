import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunRecording, type RunStorage } from '../../../src/main/engine/recording/run-recording';
import { applyInferredGilWait } from '../../../src/main/python/gil-inference';
import { readTraceBytes, RunParamsSchema, type BridgeEvent, type Machine, type Segment, type Trace } from '../../../src/shared';
import { busySegment } from './fixtures';

const machine: Machine = { os: 'linux', kernel: 'test', arch: 'x64', cpuModel: 'test', logicalCores: 2, coresObservable: true, runtimes: {} };
const params = RunParamsSchema.parse({});
const seg = busySegment;

/** A recording whose observer keeps every event, and notes the event count when the trace arrives. */
function open(storage?: RunStorage) {
  const events: BridgeEvent[] = [];
  let eventsAtTrace = -1;
  let trace: Trace | null = null;
  const run = new RunRecording({
    runId: 'r1',
    scenarioId: null,
    params,
    machine,
    storage,
    observer: {
      onEvent: (e) => events.push(e),
      onTrace: (t) => {
        trace = t;
        eventsAtTrace = events.length;
      },
    },
  });
  return { run, events, trace: () => trace, eventsAtTrace: () => eventsAtTrace };
}

describe('the run-recording core', () => {
  it('announces the run at once, and ends it with final metrics, the trace, then exactly one run-ended', () => {
    const { run, events, trace, eventsAtTrace } = open();
    expect(events).toMatchObject([{ type: 'run-started', run: { runId: 'r1', params }, machine }]);
    run.putTask({ id: 'w0', kind: 'thread', label: 'w0', pid: 1, tid: 2, addressSpace: 1, parentId: null, workload: 'cpu', requestedMs: 0, startedMs: 0, exitMs: null, exitReason: null, exitDetail: null });
    run.mark({ tMs: 1, kind: 'spawn', taskId: 'w0', text: null });
    const late: string[] = [];
    run.subscribe((e) => late.push(e.type));
    const result = run.finish({ reason: 'stopped', stats: null, wallMs: 10 });
    expect(events.map((e) => e.type)).toEqual(['run-started', 'task', 'markers', 'metrics', 'run-ended']);
    expect(late).toEqual(['metrics', 'run-ended']);
    expect(events.at(-1)).toMatchObject({ type: 'run-ended', runId: 'r1', reason: 'stopped', metrics: { wallMs: 10 } });
    expect(trace()).toBe(result);
    expect(eventsAtTrace()).toBe(events.length - 1); // the trace is handed over before run-ended goes out
    expect(() => run.finish({ reason: 'finished', stats: null, wallMs: 11 })).toThrow(/already ended/);
    run.fail(new Error('late'));
    expect(events.filter((e) => e.type === 'run-ended')).toHaveLength(1);
  });

  it('a failure is one error event and run-ended "failed", once', () => {
    const { run, events } = open();
    run.fail(new Error('the sampler died\nat line 2'), 'Tracing python3');
    run.fail(new Error('again'));
    expect(events.slice(1)).toEqual([
      { type: 'error', message: 'Tracing python3 failed: the sampler died at line 2', runId: 'r1' },
      { type: 'run-ended', runId: 'r1', reason: 'failed', metrics: null },
    ]);
  });

  it('sends the revised segments of the tasks an inference touched, before the final metrics', () => {
    const { run, events } = open();
    const batches: ((b: { segments: Segment[]; markers: never[]; memory: never[] }) => void)[] = [];
    run.attach({ onBatch: (l: (typeof batches)[number]) => (batches.push(l), () => undefined) } as never);
    batches[0]!({ segments: [seg('w0', 0, 10, 'running'), seg('w0', 10, 30, 'sleep'), seg('w1', 0, 30, 'running')], markers: [], memory: [] });
    const trace = run.finish({ reason: 'finished', stats: null, wallMs: 30, inferences: [(s) => applyInferredGilWait(s, [{ taskId: 'w0', startMs: 15, endMs: 30 }])] });
    const types = events.map((e) => e.type);
    expect(types.slice(-3)).toEqual(['revised-segments', 'metrics', 'run-ended']);
    const revised = events.find((e) => e.type === 'revised-segments');
    expect(revised).toMatchObject({ taskIds: ['w0'] });
    if (revised?.type !== 'revised-segments') throw new Error('unreachable');
    expect(revised.segments.map((s) => [s.startMs, s.endMs, s.state])).toEqual([
      [0, 10, 'running'],
      [10, 15, 'sleep'],
      [15, 30, 'gil-wait'],
    ]);
    expect(trace.segments.filter((s) => s.inferred)).toHaveLength(1);
  });

  it('past its memory window it spills to a file only its owner may read, and the file holds everything', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corelanes-spill-test-'));
    try {
      const { run } = open({ spillDir: dir, window: { segments: 4, markers: 4, memory: 4 } });
      run.putTask({ id: 'w0', kind: 'thread', label: 'w0', pid: 1, tid: 2, addressSpace: 1, parentId: null, workload: 'cpu', requestedMs: 0, startedMs: 0, exitMs: null, exitReason: null, exitDetail: null });
      for (let i = 0; i < 10; i++) run.mark({ tMs: i, kind: 'annotation', taskId: null, text: `m${i}` });
      expect(run.tracePath).not.toBeNull();
      const trace = run.finish({ reason: 'finished', stats: null, wallMs: 20 });
      expect(trace.markers[0]).toMatchObject({ kind: 'annotation', text: expect.stringContaining('This run outgrew memory') });
      expect(statSync(run.tracePath!).mode & 0o777).toBe(0o600);
      const read = readTraceBytes(readFileSync(run.tracePath!));
      if (!read.ok) throw new Error(read.error);
      // Every marker, and the note the live view got when the run began to spill, naming the file.
      expect(read.trace.markers.map((m) => m.text).filter((t) => /^m\d+$/.test(t ?? ''))).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`));
      expect(read.trace.markers.filter((m) => m.text?.includes(`the whole run streams to ${run.tracePath!}`))).toHaveLength(1);
      expect(read.trace.metrics).toEqual(trace.metrics);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a spill that cannot be written stops the run once, and its end fails with the error that names the place', () => {
    const errors: string[] = [];
    const run = new RunRecording({ runId: 'r2', scenarioId: null, params, machine, storage: { spillDir: '/dev/null/corelanes', window: { segments: 4, markers: 4, memory: 4 } }, onStorageError: (e) => errors.push(e.message) });
    for (let i = 0; i < 10; i++) run.mark({ tMs: i, kind: 'annotation', taskId: null, text: `m${i}` });
    expect(errors).toEqual(['cannot write the trace to a spill file in /dev/null/corelanes: a part of that path is a file, not a folder']);
    expect(() => run.finish({ reason: 'finished', stats: null, wallMs: 20 })).toThrow(errors[0]!);
  });
});
