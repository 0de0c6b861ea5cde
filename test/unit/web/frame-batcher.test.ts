import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeSegmentFrame, ServerFrameSchema, type BridgeEvent, type Segment } from '../../../src/shared';
import { encodedFrameCount, FrameBatcher, type SharedFrame } from '../../../src/main/web/frame-batcher';
import { MACHINE, makeTrace } from '../bridge/fixtures';
import { inflateColumns } from '../../../src/renderer/bridge/inflate-columns';

const seg = (taskId: string, startMs: number): Segment => ({ taskId, startMs, endMs: startMs + 1, state: 'running', core: 0, onCpuNs: 1e6, waitNs: 0 });
const started = (runId: string): BridgeEvent => {
  const trace = makeTrace(runId);
  return { type: 'run-started', run: trace.run, machine: MACHINE };
};
const task = (id: string): BridgeEvent => ({ type: 'task', task: { ...makeTrace().tasks[1]!, id } });

/** What a client makes of the frames: the events in order, segment frames read back. */
function read(frames: SharedFrame[]): BridgeEvent[] {
  return frames.flatMap((f): BridgeEvent[] => {
    if (f.binary) {
      const r = decodeSegmentFrame(f.bytes, inflateColumns);
      if (!r.ok) throw new Error(r.error);
      return [{ type: 'segments', ...r.value }];
    }
    const frame = ServerFrameSchema.parse(JSON.parse(Buffer.from(f.bytes).toString('utf8')));
    return frame.kind === 'events' ? frame.events : frame.kind === 'event' ? [frame.event] : [];
  });
}

afterEach(() => vi.useRealTimers());

/** A batcher on fake timers with one client, its run started. */
function startedBatcher(): { batcher: FrameBatcher; got: SharedFrame[] } {
  vi.useFakeTimers();
  const batcher = new FrameBatcher(() => undefined, 100);
  const got: SharedFrame[] = [];
  batcher.subscribe((f) => got.push(f));
  batcher.take(started('r1'));
  return { batcher, got };
}

describe('FrameBatcher', () => {
  it('sends a period of events as one text frame and one segment frame, tasks before the segments that name them', () => {
    const { batcher, got } = startedBatcher();
    batcher.take({ type: 'segments', runId: 'r1', segments: [seg('a', 0)] });
    batcher.take(task('a'));
    batcher.take({ type: 'progress', runId: 'r1', elapsedMs: 5, durationMs: 100 });
    batcher.take({ type: 'segments', runId: 'r1', segments: [seg('a', 1), seg('b', 2)] });
    expect(got).toHaveLength(1); // run-started went out at once; the rest waits for the period
    vi.advanceTimersByTime(100);
    expect(got.map((f) => f.binary)).toEqual([false, false, true]);
    const events = read(got);
    expect(events.map((e) => e.type)).toEqual(['run-started', 'task', 'progress', 'segments']);
    expect(events[3]).toEqual({ type: 'segments', runId: 'r1', segments: [seg('a', 0), seg('a', 1), seg('b', 2)] });
  });

  it('flushes what waits before an event that ends a run, so run-ended comes after the last segments', () => {
    const { batcher, got } = startedBatcher();
    batcher.take({ type: 'segments', runId: 'r1', segments: [seg('a', 0)] });
    batcher.take({ type: 'run-ended', runId: 'r1', reason: 'finished', metrics: null });
    expect(read(got).map((e) => e.type)).toEqual(['run-started', 'segments', 'run-ended']);
  });

  it('serves a late joiner the run so far from the same frames, without encoding again; errors are not replayed', () => {
    vi.useFakeTimers();
    const batcher = new FrameBatcher(() => undefined, 100);
    batcher.take(started('r0'));
    batcher.take({ type: 'segments', runId: 'r0', segments: [seg('old', 0)] });
    batcher.take(started('r1'));
    batcher.take({ type: 'segments', runId: 'r1', segments: [seg('a', 0)] });
    batcher.take({ type: 'error', message: 'once', runId: null });
    vi.advanceTimersByTime(100);
    const first: SharedFrame[] = [];
    batcher.subscribe((f) => first.push(f));
    const encoded = encodedFrameCount();
    const late: SharedFrame[] = [];
    batcher.subscribe((f) => late.push(f));
    expect(encodedFrameCount()).toBe(encoded);
    expect(late).toEqual(first);
    expect(late.every((f, i) => f === first[i])).toBe(true); // the same bytes, shared
    expect(read(late).map((e) => e.type)).toEqual(['run-started', 'segments']);
    expect((read(late)[0] as { run: { runId: string } }).run.runId).toBe('r1');
  });

  it('keeps going when a client throws, and logs it', () => {
    const lines: string[] = [];
    const batcher = new FrameBatcher((l) => lines.push(l), 100);
    const got: SharedFrame[] = [];
    batcher.subscribe(() => {
      throw new Error('boom');
    });
    batcher.subscribe((f) => got.push(f));
    batcher.take(started('r1'));
    expect(got).toHaveLength(1);
    expect(lines[0]).toMatch(/threw: Error: boom/);
  });

  it("bounds what a late joiner is replayed like the hub: the recent segments with a marker where they start, the newest progress, never the room", () => {
    vi.useFakeTimers();
    const batcher = new FrameBatcher(() => undefined, 100, 1000);
    batcher.take(started('r1'));
    for (let i = 0; i < 5; i++) {
      batcher.take({ type: 'segments', runId: 'r1', segments: Array.from({ length: 400 }, (_, k) => seg('a', i * 5000 + 10 * k)) });
      batcher.take({ type: 'progress', runId: 'r1', elapsedMs: i * 5000, durationMs: 30_000 });
      batcher.take({ type: 'exercises-changed' });
      vi.advanceTimersByTime(100);
    }
    const late: SharedFrame[] = [];
    batcher.subscribe((f) => late.push(f));
    const events = read(late);
    // A period's events go before its segments: the newest progress sits before the last segment frame.
    expect(events.map((e) => e.type)).toEqual(['run-started', 'markers', 'segments', 'progress', 'segments']);
    expect(events[1]).toMatchObject({ runId: 'r1', markers: [{ kind: 'error', tMs: 13_991 }] });
    expect(events[3]).toMatchObject({ elapsedMs: 20_000 });
  });
});

