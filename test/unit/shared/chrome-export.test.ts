import { describe, expect, it } from 'vitest';
import { toChromeTrace, toChromeTraceJson } from '../../../src/shared';
import { makeTrace } from '../bridge/fixtures';
import { syntheticTrace } from '../../support/synthetic-trace';
import { traceEventFormatProblems } from '../../support/trace-event-format';

describe('toChromeTrace', () => {
  const trace = makeTrace();
  const out = toChromeTrace(trace);
  const meta = out.traceEvents.filter((e) => e.ph === 'M');
  const slices = out.traceEvents.filter((e) => e.ph === 'X');

  it('gives each task its own track, grouped by address space', () => {
    const threads = meta.filter((e) => e.name === 'thread_name');
    expect(threads.map((e) => [e.pid, e.tid])).toEqual([
      [100, 100],
      [100, 101],
      [200, 200],
    ]);
    const processes = meta.filter((e) => e.name === 'process_name').map((e) => e.pid);
    expect(processes.sort()).toEqual([100, 200]);
  });

  it('turns segments into complete slices in microseconds, named by state and core', () => {
    expect(slices).toHaveLength(3);
    const first = slices.find((e) => e.tid === 101 && e.cat === 'running')!;
    expect(first).toMatchObject({ name: 'running on core 0', ts: 1000, dur: 49000 });
    expect(first.args).toMatchObject({ core: 0, onCpuMs: 49 });
    expect(slices.find((e) => e.cat === 'runnable')).toMatchObject({ name: 'runnable', pid: 100, tid: 101, dur: 10000 });
  });

  it('turns markers into instant events: on the task track, or global without a task', () => {
    const instants = out.traceEvents.filter((e) => e.ph === 'i');
    expect(instants.find((e) => e.name === 'spawn')).toMatchObject({ s: 't', pid: 100, tid: 101, ts: 500 });
    expect(instants.find((e) => e.name.startsWith('annotation'))).toMatchObject({ s: 'g', ts: 99000 });
  });

  it('adds an RSS counter per address space and sorts timed events', () => {
    expect(out.traceEvents.find((e) => e.ph === 'C')).toMatchObject({ pid: 200, args: { rss: 50 } });
    const ts = out.traceEvents.filter((e) => e.ph !== 'M').map((e) => e.ts!);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
  });

  it('gives tasks without pid/tid distinct synthetic tracks and never merges two tasks', () => {
    const t = makeTrace();
    t.tasks.push({ ...t.tasks[1]!, id: 'ghost', pid: null, tid: null, addressSpace: null });
    t.tasks.push({ ...t.tasks[1]!, id: 'reused' }); // same pid/tid as t1
    const names = toChromeTrace(t).traceEvents.filter((e) => e.name === 'thread_name');
    const keys = names.map((e) => `${e.pid}/${e.tid}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('is JSON that round-trips', () => {
    const parsed = JSON.parse(toChromeTraceJson(trace)) as { traceEvents: unknown[]; displayTimeUnit: string };
    expect(parsed.traceEvents.length).toBe(out.traceEvents.length);
    expect(parsed.displayTimeUnit).toBe('ms');
  });
});

describe('toChromeTrace: Trace Event Format', () => {
  it('passes the format checker for a real-shaped run, annotations included', () => {
    for (const seed of [1, 2]) {
      const trace = syntheticTrace({ seed, processes: 3, threadsPerProcess: 3, durationMs: 1500 });
      trace.annotations.push({ id: 'a3', startMs: 250, endMs: 700, taskId: null, text: 'overlaps the first', arrow: null });
      const doc = JSON.parse(toChromeTraceJson(trace));
      expect(traceEventFormatProblems(doc)).toEqual([]);
      const notes = doc.traceEvents.filter((e: { cat?: string }) => e.cat === 'annotation');
      expect(notes).toHaveLength(3);
      // Overlapping notes go on different tracks, so slices still nest.
      expect(new Set(notes.map((e: { tid: number }) => e.tid)).size).toBe(2);
    }
  });

  it('the checker finds what breaks the format (so a pass means something)', () => {
    const doc = JSON.parse(toChromeTraceJson(syntheticTrace({ seed: 3 })));
    const x = doc.traceEvents.find((e: { ph: string }) => e.ph === 'X');
    const broken = [
      { ...x, dur: undefined },
      { ...x, ts: '5' },
      { ...x, ph: 'Q' },
      { ...x, tid: undefined },
      { ph: 'M', name: 'thread_name', pid: 1, args: {} },
      { ph: 'C', name: 'rss', pid: 1, ts: 0, args: { rss: 'big' } },
      { ph: 'i', name: 'x', pid: 1, ts: 0, s: 'q' },
      { ...x, ts: x.ts + 1, dur: x.dur + 5 }, // overlaps x on its thread without nesting in it
    ];
    for (const e of broken) expect(traceEventFormatProblems({ traceEvents: [x, e] }), JSON.stringify(e)).not.toEqual([]);
    expect(traceEventFormatProblems([x])).toEqual(['top level: not an object (the JSON Object Format)']);
  });
});
