import { describe, expect, it } from 'vitest';
import { SwitchTimeline, TimeMerger, type SwitchRecord, type SwitchSegment, type TimelineInput } from '../../../src/node/switch-records';
import { loadCapture } from './fixture';

const sw = (tid: number, tNs: number, cpu: number, kind: 'in' | 'out' | 'preempt'): SwitchRecord => ({
  type: 'switch',
  tNs,
  cpu,
  pid: 100,
  tid,
  out: kind !== 'in',
  preempt: kind === 'preempt',
});
const fork = (tid: number, tNs: number, cpu = 0): SwitchRecord => ({ type: 'fork', tNs, cpu, pid: 100, ppid: 100, tid, ptid: 100 });
const exit = (tid: number, tNs: number, cpu = 0): SwitchRecord => ({ type: 'exit', tNs, cpu, pid: 100, ppid: 1, tid, ptid: 1 });
const lost = (cpu: number, tNs: number, n = 10): SwitchRecord => ({ type: 'lost', tNs, cpu, lost: n });
const brief = (segs: SwitchSegment[], tid: number) => segs.filter((s) => s.tid === tid).map((s) => [s.startNs, s.endNs, s.state, s.cpu]);

function run(inputs: TimelineInput[], setup?: (t: SwitchTimeline) => void, endNs = 1000) {
  const t = new SwitchTimeline();
  setup?.(t);
  t.apply(inputs);
  t.finish(endNs);
  return { ...t.take(), timeline: t };
}

describe('SwitchTimeline on records captured from the real kernel', () => {
  const cap = loadCapture();
  const merger = new TimeMerger<SwitchRecord>();
  for (const r of cap.rings.values()) merger.push(r.records);
  const records = merger.takeAll();
  const timeline = new SwitchTimeline();
  timeline.apply(records);
  timeline.finish(records.at(-1)!.tNs);
  const out = timeline.take();
  const { threadTid, childPid } = cap.meta;

  it('covers a new thread from its FORK (runnable) to its EXIT', () => {
    const born = records.find((r) => r.type === 'fork' && r.tid === threadTid)!;
    const died = records.find((r) => r.type === 'exit' && r.tid === threadTid)!;
    const segs = out.segments.filter((s) => s.tid === threadTid);
    expect(segs[0]).toMatchObject({ startNs: born.tNs, state: 'runnable' });
    expect(segs[1]!.state).toBe('running');
    expect(segs.at(-1)).toMatchObject({ endNs: died.tNs, state: 'running' });
    expect(out.events).toContainEqual(expect.objectContaining({ kind: 'born', tid: threadTid, thread: true }));
    expect(out.events).toContainEqual(expect.objectContaining({ kind: 'exited', tid: threadTid }));
  });

  it('gives every task one contiguous lane: no gap, no overlap', () => {
    for (const tid of new Set(out.segments.map((s) => s.tid))) {
      const segs = out.segments.filter((s) => s.tid === tid);
      for (let i = 1; i < segs.length; i++) expect(segs[i]!.startNs).toBe(segs[i - 1]!.endNs);
      for (const s of segs) expect(s.endNs).toBeGreaterThan(s.startNs);
    }
  });

  it('never puts two tasks on one CPU at the same time', () => {
    const running = out.segments.filter((s) => s.state === 'running').sort((a, b) => a.startNs - b.startNs);
    expect(running.every((s) => s.cpu !== null)).toBe(true);
    for (const cpu of cap.meta.cpus) {
      const onCpu = running.filter((s) => s.cpu === cpu);
      for (let i = 1; i < onCpu.length; i++) expect(onCpu[i]!.startNs).toBeGreaterThanOrEqual(onCpu[i - 1]!.endNs);
    }
  });

  it('runs the spinning thread for most of its ~20 ms spin and names the exec of the child', () => {
    expect(timeline.runningNs(threadTid)).toBeGreaterThan(20e6);
    expect(out.events).toContainEqual(expect.objectContaining({ kind: 'comm', tid: childPid, comm: 'sleep', exec: true }));
    expect(out.lost).toEqual([]);
    expect(timeline.anomalies).toBe(0);
  });
});

describe('SwitchTimeline on hand-made records', () => {
  it('draws running on the switch-in CPU, runnable after a preempt, asleep after a plain switch-out', () => {
    const { segments } = run([fork(1, 0), sw(1, 10, 1, 'in'), sw(1, 20, 1, 'preempt'), sw(1, 25, 0, 'in'), sw(1, 40, 0, 'out'), sw(1, 90, 0, 'in'), exit(1, 95)]);
    expect(brief(segments, 1)).toEqual([
      [0, 10, 'runnable', null],
      [10, 20, 'running', 1],
      [20, 25, 'runnable', null],
      [25, 40, 'running', 0],
      [40, 90, 'asleep', null],
      [90, 95, 'running', 0],
    ]);
  });

  it('takes a watched task whose first record is a switch-out as running since watching began', () => {
    const { segments } = run([sw(1, 50, 1, 'out')], (t) => t.watch(100, 1, 10), 60);
    expect(brief(segments, 1)).toEqual([
      [10, 50, 'running', 1],
      [50, 60, 'asleep', null],
    ]);
  });

  it('leaves a watched task unknown until its first switch-in, unless a hint says it slept', () => {
    expect(brief(run([sw(1, 50, 0, 'in')], (t) => t.watch(100, 1, 10), 60).segments, 1)).toEqual([
      [10, 50, 'unknown', null],
      [50, 60, 'running', 0],
    ]);
    const hinted: TimelineInput[] = [{ type: 'hint', tNs: 20, tid: 1, state: 'asleep', cpu: null }, sw(1, 50, 0, 'in')];
    expect(brief(run(hinted, (t) => t.watch(100, 1, 10), 60).segments, 1)).toEqual([
      [10, 50, 'asleep', null],
      [50, 60, 'running', 0],
    ]);
  });

  it('keeps a task that never switched unknown, or running on the hinted CPU', () => {
    expect(brief(run([], (t) => t.watch(100, 1, 10), 60).segments, 1)).toEqual([[10, 60, 'unknown', null]]);
    const hint: TimelineInput = { type: 'hint', tNs: 30, tid: 1, state: 'running', cpu: 1 };
    expect(brief(run([hint], (t) => t.watch(100, 1, 10), 60).segments, 1)).toEqual([[10, 60, 'running', 1]]);
  });

  it('ignores a hint once records have settled the state', () => {
    const inputs: TimelineInput[] = [sw(1, 20, 0, 'in'), { type: 'hint', tNs: 30, tid: 1, state: 'asleep', cpu: null }];
    expect(brief(run(inputs, (t) => t.watch(100, 1, 10), 60).segments, 1)).toEqual([
      [10, 20, 'unknown', null],
      [20, 60, 'running', 0],
    ]);
  });

  it('ignores records of a watched task from before its watch began', () => {
    expect(brief(run([sw(1, 5, 0, 'in'), sw(1, 20, 0, 'out')], (t) => t.watch(100, 1, 10), 30).segments, 1)).toEqual([
      [10, 20, 'running', 0],
      [20, 30, 'asleep', null],
    ]);
  });

  it('makes tasks unknown across lost records, except one running on another CPU', () => {
    const inputs = [
      fork(1, 0),
      fork(2, 0),
      fork(3, 0),
      sw(3, 5, 0, 'in'),
      sw(3, 8, 0, 'preempt'), // off-CPU: may have run on CPU 0 in the gap
      sw(1, 10, 0, 'in'), // runs on CPU 0 when CPU 0 loses records
      sw(2, 12, 1, 'in'), // runs on CPU 1: it cannot switch on CPU 0 unseen
      lost(0, 40),
      sw(1, 50, 0, 'out'),
      sw(3, 60, 0, 'in'),
    ];
    const out = run(inputs, undefined, 70);
    expect(out.lost).toEqual([{ cpu: 0, fromNs: 10, toNs: 40, records: 10 }]);
    expect(brief(out.segments, 1)).toEqual([
      [0, 10, 'runnable', null],
      [10, 50, 'unknown', null],
      [50, 70, 'asleep', null],
    ]);
    expect(brief(out.segments, 2)).toEqual([
      [0, 12, 'runnable', null],
      [12, 70, 'running', 1],
    ]);
    expect(brief(out.segments, 3)).toEqual([
      [0, 5, 'runnable', null],
      [5, 8, 'running', 0],
      [8, 10, 'runnable', null],
      [10, 60, 'unknown', null],
      [60, 70, 'running', 0],
    ]);
  });

  it('ignores the same switch seen twice (a task watched twice) and a duplicate FORK', () => {
    const inputs = [fork(1, 0), fork(1, 0), sw(1, 10, 0, 'in'), sw(1, 10, 0, 'in'), sw(1, 20, 0, 'out'), sw(1, 21, 0, 'out'), exit(1, 30)];
    const out = run(inputs);
    expect(brief(out.segments, 1)).toEqual([
      [0, 10, 'runnable', null],
      [10, 20, 'running', 0],
      [20, 30, 'asleep', null],
    ]);
    expect(out.events.filter((e) => e.kind === 'born')).toHaveLength(1);
    expect(out.timeline.anomalies).toBe(0);
  });

  it('ends a task at its EXIT (its last switch-out is never written) and ignores it after', () => {
    const out = run([fork(1, 0), sw(1, 10, 1, 'in'), exit(1, 30, 1), sw(1, 31, 1, 'out')], undefined, 50);
    expect(brief(out.segments, 1)).toEqual([
      [0, 10, 'runnable', null],
      [10, 30, 'running', 1],
    ]);
    expect(out.timeline.runningNs(1)).toBe(20);
  });

  it('starts a new lane when a tid is reused after an exit', () => {
    const out = run([fork(1, 0), sw(1, 5, 0, 'in'), exit(1, 10), fork(1, 20), sw(1, 25, 0, 'in')], undefined, 30);
    expect(brief(out.segments, 1)).toEqual([
      [0, 5, 'runnable', null],
      [5, 10, 'running', 0],
      [20, 25, 'runnable', null],
      [25, 30, 'running', 0],
    ]);
    expect(out.events.filter((e) => e.kind === 'born')).toHaveLength(2);
  });

  it('counts a switch-in on another CPU while running as an anomaly and does not guess the missing switch-out', () => {
    const out = run([fork(1, 0), sw(1, 10, 0, 'in'), sw(1, 30, 1, 'in')], undefined, 40);
    expect(brief(out.segments, 1)).toEqual([
      [0, 10, 'runnable', null],
      [10, 30, 'unknown', null],
      [30, 40, 'running', 1],
    ]);
    expect(out.timeline.anomalies).toBe(1);
  });

  it('starts the lane of a task first seen in a record (its FORK lost) at that record', () => {
    expect(brief(run([sw(7, 10, 1, 'in'), sw(7, 20, 1, 'preempt')], undefined, 25).segments, 7)).toEqual([
      [10, 20, 'running', 1],
      [20, 25, 'runnable', null],
    ]);
  });

  it('cuts open spans at a batch boundary without changing the totals', () => {
    const t = new SwitchTimeline();
    t.apply([fork(1, 0), sw(1, 10, 0, 'in')]);
    t.cut(15);
    const first = t.take().segments;
    t.apply([sw(1, 30, 0, 'out')]);
    t.finish(40);
    const rest = t.take().segments;
    expect(brief([...first, ...rest], 1)).toEqual([
      [0, 10, 'runnable', null],
      [10, 15, 'running', 0],
      [15, 30, 'running', 0],
      [30, 40, 'asleep', null],
    ]);
    expect(t.runningNs(1)).toBe(20);
  });

  it('holds an unsettled watched task back from a cut: its first record may still rewrite its past', () => {
    const t = new SwitchTimeline();
    t.watch(100, 1, 0);
    t.cut(10);
    expect(t.take().segments).toEqual([]);
    t.apply([sw(1, 20, 1, 'out')]);
    t.finish(30);
    expect(brief(t.take().segments, 1)).toEqual([
      [0, 20, 'running', 1],
      [20, 30, 'asleep', null],
    ]);
  });
});
