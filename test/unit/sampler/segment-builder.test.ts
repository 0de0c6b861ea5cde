import { describe, expect, it } from 'vitest';
import type { Segment } from '../../../src/shared';
import { type Observation, TaskTimeline } from '../../../src/workers/sampler/segment-builder';

const MS = 1e6;

/** Feeds cumulative observations built from per-step deltas; returns all segments. */
function run(steps: { letter: string | null; dOnMs?: number; dWaitMs?: number; core?: number | null; phase?: Observation['phase']; phaseCore?: number | null }[]) {
  const tl = new TaskTimeline('t', { resolveAfterMs: 20 });
  let on = 0;
  let wait = 0;
  const segs: Segment[] = [];
  const base = { tMs: 0, letter: 'S', core: 0, onCpuNs: 0, waitNs: 0, phase: null, phaseCore: null } satisfies Observation;
  segs.push(...tl.observe(base));
  steps.forEach((s, i) => {
    on += (s.dOnMs ?? 0) * MS;
    wait += (s.dWaitMs ?? 0) * MS;
    segs.push(
      ...tl.observe({
        tMs: i + 1,
        letter: s.letter,
        core: s.core === undefined ? 0 : s.core,
        onCpuNs: s.letter === null ? null : on,
        waitNs: s.letter === null ? null : wait,
        phase: s.phase ?? null,
        phaseCore: s.phaseCore ?? null,
      }),
    );
  });
  segs.push(...tl.finish());
  return { segs, tl, on, wait };
}

const sum = (segs: Segment[], f: (s: Segment) => number) => segs.reduce((a, s) => a + f(s), 0);

describe('TaskTimeline', () => {
  it('never draws more running than the kernel counted: in R with 2 ms counted over 8 ms, 6 ms wait for the next counters', () => {
    // 8 ms in R, counters move by 2 ms at the 4th read; then 4 ms more in R with 3 ms more, then asleep.
    const steps = [
      ...Array.from({ length: 8 }, (_, i) => ({ letter: 'R', dOnMs: i === 3 ? 2 : 0, core: 1 })),
      ...Array.from({ length: 4 }, (_, i) => ({ letter: 'R', dOnMs: i === 3 ? 3 : 0, core: 1 })),
      { letter: 'S' },
    ];
    const { segs, on } = run(steps);
    const runningMs = sum(segs.filter((s) => s.state === 'running'), (s) => s.endMs - s.startMs);
    expect(runningMs).toBeLessThanOrEqual(on / MS + 1e-9);
    expect(sum(segs, (s) => s.onCpuNs)).toBeCloseTo(on, 0);
  });

  it('merges a steady run into one segment and keeps the exact on-CPU total despite tick-quantised counters', () => {
    // schedstat read from another core moves in 4 ms steps: 0,0,0,4,0,0,0,4...
    const steps = Array.from({ length: 40 }, (_, i) => ({ letter: 'R', dOnMs: i % 4 === 3 ? 4 : 0, core: 1 }));
    const { segs, on } = run(steps);
    expect(segs).toHaveLength(1);
    expect(segs[0]).toMatchObject({ state: 'running', core: 1, startMs: 0, endMs: 40 });
    expect(sum(segs, (s) => s.onCpuNs)).toBe(on);
  });

  it('tells runnable (run-queue wait) from running by the schedstat deltas, not by the letter R', () => {
    // 8 ms queued (wait is added when the CPU is granted), then 8 ms running.
    const steps = [
      ...Array.from({ length: 7 }, () => ({ letter: 'R' })),
      { letter: 'R', dWaitMs: 8 },
      ...Array.from({ length: 7 }, () => ({ letter: 'R' })),
      { letter: 'R', dOnMs: 8 },
    ];
    const { segs } = run(steps);
    expect(segs.map((s) => s.state)).toEqual(['runnable', 'running']);
    expect(segs[0]).toMatchObject({ startMs: 0, endMs: 8, waitNs: 8 * MS, onCpuNs: 0 });
    expect(segs[1]).toMatchObject({ startMs: 8, endMs: 16, onCpuNs: 8 * MS });
  });

  it('splits a span with both wait and on-CPU time: queued share first, each running interval keeps its core', () => {
    const { segs } = run([
      { letter: 'R', core: 0 },
      { letter: 'R', core: 0 },
      { letter: 'R', core: 1 },
      { letter: 'R', core: 1, dOnMs: 3, dWaitMs: 1 },
    ]);
    expect(segs.map((s) => [s.state, s.core])).toEqual([
      ['runnable', null],
      ['running', 0],
      ['running', 1],
    ]);
    expect(segs[0]!.endMs).toBeCloseTo(1);
    expect(sum(segs, (s) => s.onCpuNs)).toBeCloseTo(3 * MS, 3);
  });

  it('takes an R span with no counter movement beyond resolveAfterMs as waiting for a CPU', () => {
    const { segs } = run(Array.from({ length: 30 }, () => ({ letter: 'R' })));
    expect(segs[0]!.state).toBe('runnable');
  });

  it('uses the letter and the reported phase when the task is off the CPU; gil-wait only from the phase', () => {
    const { segs } = run([
      { letter: 'S' },
      { letter: 'S' },
      { letter: 'S', phase: 'io' },
      { letter: 'S', phase: 'gil-wait' },
      { letter: 'D' },
      { letter: 'S', phase: 'waiting' },
    ]);
    expect(segs.map((s) => s.state)).toEqual(['sleep', 'io', 'gil-wait', 'io', 'blocked']);
    expect(segs.every((s) => s.core === null)).toBe(true);
  });

  it('shows the share of an off-CPU interval spent running or queued, at its end; tiny shares stay inside', () => {
    const { segs } = run([
      { letter: 'S', dOnMs: 0.3, core: 1 },
      { letter: 'S', dOnMs: 0.02, dWaitMs: 0.2 },
    ]);
    expect(segs.map((s) => [s.state, s.core])).toEqual([
      ['sleep', null],
      ['running', 1],
      ['sleep', null],
      ['runnable', null],
    ]);
    expect(segs[1]).toMatchObject({ onCpuNs: 0.3 * MS });
    expect(segs[1]!.startMs).toBeCloseTo(0.7);
    expect(segs[2]).toMatchObject({ onCpuNs: 0.02 * MS, waitNs: 0 });
    expect(segs[3]!.startMs).toBeCloseTo(1.8);
    expect(segs[3]!.waitNs).toBeCloseTo(0.2 * MS);
  });

  it("prefers the worker's own core report while it computes, and counts core changes as migrations", () => {
    const { segs, tl } = run([
      { letter: 'R', dOnMs: 1, core: 0, phase: 'compute', phaseCore: 1 },
      { letter: 'R', dOnMs: 1, core: 0, phase: 'compute', phaseCore: 1 },
      { letter: 'R', dOnMs: 1, core: 1, phase: 'compute', phaseCore: 0 },
      { letter: 'R', dOnMs: 1, core: 1, phase: 'io', phaseCore: 0 },
    ]);
    expect(segs.map((s) => s.core)).toEqual([1, 0, 1]);
    expect(tl.migrations).toBe(3); // baseline core 0 -> 1 -> 0 -> 1
  });

  it('cut() closes the open segment at a batch boundary and the next one continues where it ended', () => {
    const tl = new TaskTimeline('t');
    const o = (tMs: number, on: number): Observation => ({ tMs, letter: 'S', core: 0, onCpuNs: on, waitNs: 0, phase: null, phaseCore: null });
    tl.observe(o(0, 0));
    tl.observe(o(1, 0));
    const first = tl.cut();
    tl.observe(o(2, 0));
    const rest = tl.finish();
    expect(first).toHaveLength(1);
    expect(rest[0]!.startMs).toBe(first[0]!.endMs);
  });

  it('portable source (no letter, no counters): state from the phase, never a core', () => {
    const { segs } = run([
      { letter: null, phase: 'compute', phaseCore: 1 },
      { letter: null, phase: 'io' },
      { letter: null },
    ]);
    expect(segs.map((s) => [s.state, s.core, s.onCpuNs])).toEqual([
      ['running', null, 0],
      ['io', null, 0],
      ['unknown', null, 0],
    ]);
  });

  it('holds nothing per sample on a long run: 100k samples of a steady task are one segment', () => {
    const busy = run(Array.from({ length: 100_000 }, (_, i) => ({ letter: 'R', dOnMs: i % 4 === 3 ? 4 : 0, core: 0 })));
    expect(busy.segs).toHaveLength(1);
    const queued = run(Array.from({ length: 100_000 }, () => ({ letter: 'R' })));
    expect(queued.segs.map((s) => s.state)).toEqual(['runnable']);
  });

  it('keeps totals equal to the counters over a random mix of states', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const letters = ['R', 'R', 'R', 'S', 'D'];
    const steps = Array.from({ length: 2000 }, () => ({
      letter: letters[Math.floor(rnd() * letters.length)]!,
      dOnMs: rnd() < 0.3 ? rnd() * 4 : 0,
      dWaitMs: rnd() < 0.1 ? rnd() * 4 : 0,
      core: rnd() < 0.05 ? 1 : 0,
    }));
    const { segs, on, wait } = run(steps);
    expect(sum(segs, (s) => s.onCpuNs) / on).toBeCloseTo(1, 9);
    expect(sum(segs, (s) => s.waitNs) / wait).toBeCloseTo(1, 9);
    for (let i = 1; i < segs.length; i++) expect(segs[i]!.startMs).toBeCloseTo(segs[i - 1]!.endMs, 9);
  });

  it('a running span closed at finish with no counter movement keeps the last core seen, not null', () => {
    // Running on core 1, then in R with unchanged counters until untrack: the last piece is running (lastRState).
    const { segs } = run([{ letter: 'R', dOnMs: 1, core: 1 }, { letter: 'R', core: 1 }, { letter: 'R', core: 1 }]);
    const running = segs.filter((s) => s.state === 'running');
    expect(running.length).toBeGreaterThan(0);
    for (const s of running) expect(s.core).toBe(1);
  });

  it('without any core ever reported, a running piece stays unknown (null)', () => {
    const tl = new TaskTimeline('t', { resolveAfterMs: 20 });
    const at = (tMs: number, onMs: number) => ({ tMs, letter: 'R', core: null, onCpuNs: onMs * MS, waitNs: 0, phase: null, phaseCore: null });
    const segs = [...tl.observe(at(0, 0)), ...tl.observe(at(1, 1)), ...tl.observe(at(2, 1)), ...tl.finish()];
    const running = segs.filter((s) => s.state === 'running');
    expect(running.length).toBeGreaterThan(0);
    for (const s of running) expect(s.core).toBeNull();
  });
});
