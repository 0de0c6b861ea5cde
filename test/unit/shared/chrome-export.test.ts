import { describe, expect, it } from 'vitest';
import { toChromeTrace, toChromeTraceJson } from '../../../src/shared';
import { makeTrace } from '../bridge/fixtures';

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
