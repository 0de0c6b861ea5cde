import { describe, expect, it } from 'vitest';
import type { Segment, Task, Trace } from '../../../src/shared';
import { gilFactsOf, judgeTracedGil, type GilProcessFacts } from '../../../src/main/python/gil-verdict';

const proc = (over: Partial<GilProcessFacts> = {}): GilProcessFacts => ({ pid: 7, label: 'python3 pid 7', windowMs: 2000, hungryThreads: 2, cpuMs: 2000, gilWaitMs: 900, ...over });
const judge = (p: GilProcessFacts[], cores = 2, otherCores: number | null = 0.05) => judgeTracedGil({ processes: p, cores, otherCores });

describe('the GIL verdict of a traced Python program (inferred from the cores its threads used)', () => {
  it('2 hungry threads on about 1 core of 2 free ones: supported, they took turns', () => {
    const v = judge([proc({ cpuMs: 2000 })])!;
    expect(v.status).toBe('supported');
    expect(v.explanation).toMatch(/2 CPU-hungry threads of python3 pid 7 used 1 cores together while 2 were free: they took turns/);
    expect(v.numbers.find((n) => n.key === 'coresUsed')).toMatchObject({ value: 1, unit: 'cores' });
    expect(v.numbers.length).toBeLessThanOrEqual(6);
    expect(v.charts[0]).toMatchObject({ type: 'bars', reference: { value: 1 } });
  });

  it('2 hungry threads on 1.9 cores: not supported, they ran in parallel', () => {
    expect(judge([proc({ cpuMs: 3800 })])!.status).toBe('not-supported');
  });

  it('1.4 cores of the 2 they could have: partly', () => {
    const v = judge([proc({ cpuMs: 2800 })])!;
    expect(v.status).toBe('partly');
    expect(v.explanation).toMatch(/outside the GIL/);
  });

  it('a busy machine (others used 1 of 2 cores): inconclusive, and says why', () => {
    const v = judge([proc({ cpuMs: 2000 })], 2, 1)!;
    expect(v.status).toBe('inconclusive');
    expect(v.explanation).toMatch(/machine was busy \(other programs used 1 of 2 cores\)/);
  });

  it('a one-core machine: inconclusive', () => {
    expect(judge([proc()], 1, 0)!.explanation).toMatch(/one core/);
    expect(judge([proc()], 1, 0)!.status).toBe('inconclusive');
  });

  it('one hungry thread, or a too short overlap: inconclusive', () => {
    expect(judge([proc({ hungryThreads: 1 })])!.explanation).toMatch(/No two threads/);
    expect(judge([proc({ windowMs: 50, cpuMs: 50 })])!.explanation).toMatch(/too short/);
  });

  it('no CPython with a GIL: no verdict; several: the one with the most hungry threads', () => {
    expect(judge([])).toBeNull();
    expect(judge([proc({ pid: 1, label: 'a', hungryThreads: 1 }), proc({ pid: 2, label: 'b', hungryThreads: 3, cpuMs: 2000 })])!.explanation).toMatch(/3 CPU-hungry threads of b/);
  });
});

describe('gilFactsOf', () => {
  const t = (id: string, tid: number, kind: Task['kind']): Task => ({ id, kind, label: `python3 ${tid === 7 ? 'pid' : 'tid'} ${tid}`, pid: 7, tid, addressSpace: 7, parentId: null, workload: null, requestedMs: 0, startedMs: null, exitMs: 1100, exitReason: 'exited', exitDetail: null });
  const seg = (taskId: string, startMs: number, endMs: number, state: Segment['state'], onMs: number): Segment => ({ taskId, startMs, endMs, state, core: state === 'running' ? 0 : null, onCpuNs: onMs * 1e6, waitNs: 0 });

  it('two threads taking turns over 1 s: window from the 2nd start to the 2nd-to-last stop, 1 core, their gil-wait', () => {
    const segments: Segment[] = [seg('p7', 0, 50, 'running', 50)];
    for (let ms = 100; ms < 1100; ms += 10) {
      segments.push(seg('t8', ms, ms + 5, 'running', 5), seg('t8', ms + 5, ms + 10, 'gil-wait', 0));
      segments.push(seg('t9', ms, ms + 5, 'gil-wait', 0), seg('t9', ms + 5, ms + 10, 'running', 5));
    }
    const trace = { tasks: [t('p7', 7, 'python-process'), t('t8', 8, 'python-thread'), t('t9', 9, 'python-thread')], segments } as unknown as Trace;
    const [f] = gilFactsOf(trace, new Set([7]));
    expect(f).toMatchObject({ pid: 7, label: 'python3 pid 7', windowMs: 990, hungryThreads: 2 });
    expect(f!.cpuMs / f!.windowMs).toBeCloseTo(1, 1);
    expect(f!.gilWaitMs).toBeCloseTo(990, -1);
  });
});
