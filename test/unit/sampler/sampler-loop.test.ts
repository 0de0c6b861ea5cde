import { describe, expect, it } from 'vitest';
import { decodeSegmentFrame, PHASE_CODE, PHASE_SLOT, SamplerInitSchema, type FromSampler, type Segment } from '../../../src/shared';
import { SamplerLoop } from '../../../src/workers/sampler/sampler-loop';
import type { ObservationSource, RawReading } from '../../../src/workers/sampler/sources/source';

/**
 * The loop with a scripted source and a fake clock: no threads, no /proc.
 * Task 1/11 computes on core 1 the whole time (4 ms ticks of on-CPU time);
 * task 2/2 (a process) sleeps and reports its phase by message.
 */
function harness(script: (t: number, post: (m: unknown) => void) => void) {
  let t = 1000;
  const inbox: unknown[] = [];
  const out: FromSampler[] = [];
  let gone2 = false;
  const read = (tid: number): RawReading | null => {
    const ms = t - 1000;
    if (tid === 11) return { letter: 'R', core: 0, onCpuNs: Math.floor(ms / 4) * 4e6, waitNs: 0 };
    // The sampler reading itself: always R, 2% of a core.
    if (tid === 3) return { letter: 'R', core: 0, onCpuNs: ms * 2e4, waitNs: 0 };
    if (gone2) return null;
    return { letter: 'S', core: 0, onCpuNs: 5e5, waitNs: 0 };
  };
  const source: ObservationSource = {
    name: 'scripted',
    coresObservable: true,
    openTask: (_pid, tid) => ({ read: () => read(tid), close: () => undefined }),
    openAddressSpace: (pid) => ({ readRssBytes: () => pid * 1000, close: () => undefined }),
    self: () => ({ pid: 1, tid: 3 }),
    selfOnCpuNs: () => (t - 1000) * 2e4, // 2% of a core
  };
  const loop = new SamplerLoop(SamplerInitSchema.parse({ intervalMs: 1, runStartMono: 1000 }), source, {
    receive: () => inbox.shift(),
    post: (m) => out.push(m),
    now: () => t,
    sleepUntil: (d) => {
      t = Math.max(t, d);
      script(t - 1000, (m) => inbox.push(m));
      if (t - 1000 === 70) gone2 = true;
    },
  });
  return { loop, inbox, out };
}

const segmentsOf = (out: FromSampler[], taskId: string): Segment[] =>
  out.flatMap((m) => (m.type === 'batch' ? decodedSegments(m.segmentFrame) : [])).filter((s) => s.taskId === taskId);

function decodedSegments(frame: Uint8Array): Segment[] {
  const decoded = decodeSegmentFrame(frame);
  if (!decoded.ok) throw new Error(decoded.error);
  return decoded.value.segments;
}

describe('SamplerLoop', () => {
  const slot = new Int32Array(new SharedArrayBuffer(PHASE_SLOT.length * 4));
  slot[PHASE_SLOT.phase] = PHASE_CODE.compute;
  slot[PHASE_SLOT.core] = 1;
  const { loop, inbox, out } = harness((ms, post) => {
    if (ms === 10) post({ type: 'phase', taskId: 'p', phase: 'io', core: null, atMs: 10 });
    if (ms === 20) post({ type: 'nonsense' });
    if (ms === 100) post({ type: 'stop' });
  });
  inbox.push({ type: 'track', taskId: 'a', pid: 1, tid: 11, phaseSlot: { buffer: slot.buffer, offset: 0 } });
  inbox.push({ type: 'track', taskId: 'p', pid: 2, tid: 2 });
  inbox.push({ type: 'track', taskId: 'self', pid: 1, tid: 3 });
  // A slot that does not fit its buffer is reported and ignored, the task still tracked.
  inbox.push({ type: 'track', taskId: 'bad-slot', pid: 2, tid: 2, phaseSlot: { buffer: new SharedArrayBuffer(8), offset: 4 } });
  loop.run();

  it("puts exactly the counters' movement into segments, on the worker's own core", () => {
    const a = segmentsOf(out, 'a');
    expect(a.every((s) => s.state === 'running' && s.core === 1)).toBe(true);
    expect(a.reduce((n, s) => n + s.onCpuNs, 0)).toBe(100e6);
    expect(a[0]!.startMs).toBe(0);
    expect(a.at(-1)!.endMs).toBe(100);
  });

  it('draws the sampler itself from its counters, not from the R it always reads of itself', () => {
    const self = segmentsOf(out, 'self');
    const runningMs = self.filter((s) => s.state === 'running').reduce((n, s) => n + s.endMs - s.startMs, 0);
    const allMs = self.reduce((n, s) => n + s.endMs - s.startMs, 0);
    expect(runningMs / allMs).toBeLessThan(0.1);
    expect(self.reduce((n, s) => n + s.onCpuNs, 0)).toBeCloseTo(100 * 2e4, -2);
  });

  it('merges a process phase report and closes a task that is gone', () => {
    const p = segmentsOf(out, 'p');
    expect(p.map((s) => s.state)).toContain('io');
    expect(p.at(-1)!.endMs).toBeLessThanOrEqual(70);
  });

  it('reports a phase slot that does not fit, and still tracks the task', () => {
    const markers = out.flatMap((m) => (m.type === 'batch' ? m.markers : []));
    expect(markers.some((m) => m.taskId === 'bad-slot' && /phase slot ignored/.test(m.text ?? ''))).toBe(true);
    expect(segmentsOf(out, 'bad-slot').length).toBeGreaterThan(0);
  });

  it('ships batches every ~25 ms, memory at ~10 Hz, reports a bad message and ends with its own stats', () => {
    const batches = out.filter((m) => m.type === 'batch');
    expect(batches.length).toBeGreaterThanOrEqual(4);
    const memory = batches.flatMap((b) => (b.type === 'batch' ? b.memory : []));
    expect(memory.filter((m) => m.addressSpace === 1).length).toBeGreaterThanOrEqual(1);
    expect(out.some((m) => m.type === 'error' && /bad message/.test(m.message))).toBe(true);
    const last = out.at(-1)!;
    expect(last.type).toBe('stopped');
    if (last.type !== 'stopped') return;
    expect(last.stats.samples).toBeGreaterThanOrEqual(100);
    expect(last.stats.rateHz).toBeCloseTo(1000, -1);
    expect(last.stats.cpuPercent).toBeCloseTo(2, 1);
    expect(last.stats.gaps).toBe(0);
  });
});
