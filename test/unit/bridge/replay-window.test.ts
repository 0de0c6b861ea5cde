import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { BridgeEvent, Segment } from '../../../src/shared';
import { EventHub } from '../../../src/main/bridge/event-hub';
import { ReplayWindow } from '../../../src/main/bridge/replay-window';
import { MACHINE, makeTrace } from './fixtures';

const seg = (startMs: number): Segment => ({ taskId: 'w0', startMs, endMs: startMs + 10, state: 'running', core: 0, onCpuNs: 1e7, waitNs: 0 });
const segments = (fromMs: number, n: number): BridgeEvent => ({ type: 'segments', runId: 'r1', segments: Array.from({ length: n }, (_, i) => seg(fromMs + 10 * i)) });

describe('ReplayWindow: what a late joiner is replayed, bounded', () => {
  it('drops the oldest segment-carrying items past the bound, keeps the rest, and says how much of the start is gone', () => {
    const w = new ReplayWindow<string>(250);
    w.push('run-started');
    w.push('task');
    for (let i = 0; i < 5; i++) w.push(`segments ${i}`, 100, (i + 1) * 1000);
    expect(w.items()).toEqual(['run-started', 'task', 'segments 3', 'segments 4']);
    expect(w.cut).toEqual({ segments: 300, untilMs: 3000 });
    w.reset();
    expect(w.items()).toEqual([]);
    expect(w.cut).toBeNull();
  });

  it('keeps only the newest item of a key', () => {
    const w = new ReplayWindow<string>(10);
    w.push('progress 1', 0, 0, 'progress');
    w.push('task');
    w.push('progress 2', 0, 0, 'progress');
    expect(w.items()).toEqual(['task', 'progress 2']);
  });

  it('matches a plain model for any pushes (holes compacted on the way)', () => {
    const item = fc.record({ segments: fc.integer({ min: 0, max: 40 }), key: fc.constantFrom(null, 'a', 'b') });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 3000 }), fc.integer({ min: 1, max: 200 }), (items, max) => {
        const w = new ReplayWindow<number>(max);
        let model: { id: number; segments: number; key: string | null }[] = [];
        let held = 0;
        items.forEach((it, id) => {
          w.push(id, it.segments, 0, it.key);
          if (it.key !== null) model = model.filter((m) => m.key !== it.key || ((held -= m.segments), false));
          model.push({ id, ...it });
          held += it.segments;
          while (held > max) {
            const oldest = model.findIndex((m) => m.segments > 0);
            held -= model[oldest]!.segments;
            model.splice(oldest, 1);
          }
        });
        expect(w.items()).toEqual(model.map((m) => m.id));
      }),
      { numRuns: 60 },
    );
  });
});

describe('EventHub replay, bounded', () => {
  it("replays a long run's recent part with a marker where it starts, the newest progress only, and no room", () => {
    const hub = new EventHub(() => undefined, 1000);
    const trace = makeTrace('r1');
    hub.emit({ type: 'run-started', run: trace.run, machine: MACHINE });
    for (let i = 0; i < 5; i++) {
      hub.emit(segments(i * 5000, 400));
      hub.emit({ type: 'progress', runId: 'r1', elapsedMs: i * 5000, durationMs: 30_000 });
    }
    hub.emit({ type: 'exercises-changed' });
    const got: BridgeEvent[] = [];
    hub.subscribe((e) => got.push(e));
    expect(got.map((e) => e.type)).toEqual(['run-started', 'markers', 'segments', 'segments', 'progress']);
    const marker = got[1]!.type === 'markers' ? got[1]!.markers[0]! : null;
    expect(marker?.text).toMatch(/first 14\.0 s \(1,200 segments\) are not replayed/);
    expect(got[4]).toMatchObject({ elapsedMs: 20_000 });
  });
});
