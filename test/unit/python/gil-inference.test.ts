import { describe, expect, it } from 'vitest';
import type { Segment } from '../../../src/shared';
import { GilWaitInference, applyInferredGilWait, sleepsOnFutex } from '../../../src/main/python/gil-inference';
import { pythonFlavour, tracedKind, tracedTaskId } from '../../../src/main/tracer/task-naming';

const seg = (taskId: string, startMs: number, endMs: number, state: Segment['state'], onCpuNs = 0): Segment => ({
  taskId,
  startMs,
  endMs,
  state,
  core: state === 'running' ? 0 : null,
  onCpuNs,
  waitNs: 0,
});

describe('futex detection', () => {
  it('reads wchan, else the syscall number of the architecture', () => {
    expect(sleepsOnFutex({ wchan: 'futex_wait_queue', syscall: null })).toBe(true);
    expect(sleepsOnFutex({ wchan: '0', syscall: '202 0x7f 0x80' }, 'x64')).toBe(true);
    expect(sleepsOnFutex({ wchan: '0', syscall: '98 0x1' }, 'arm64')).toBe(true);
    expect(sleepsOnFutex({ wchan: 'do_select', syscall: '7 0x1' }, 'x64')).toBe(false);
    expect(sleepsOnFutex({ wchan: null, syscall: null })).toBe(false);
  });
});

describe('GilWaitInference', () => {
  const gil = new Set([10]);
  it('marks a thread that sleeps on a futex, woke, while a sibling runs', () => {
    const inf = new GilWaitInference();
    const a = (state: string, futex = false, woke = true) => ({ taskId: 'a', pid: 10, state, futex, woke });
    const b = (state: string) => ({ taskId: 'b', pid: 10, state, futex: false, woke: true });
    inf.observe(0, [a('S', true), b('R')], gil);
    inf.observe(20, [a('S', true), b('R')], gil);
    inf.observe(40, [a('R'), b('S')], gil); // a got the lock; b sleeps but not on a futex
    inf.observe(60, [a('S', true, false), b('R')], gil); // asleep without waking: a join, not the GIL
    expect(inf.finish(80)).toEqual([{ taskId: 'a', startMs: 0, endMs: 40 }]);
  });

  it('never infers for a process without a GIL or with no sibling running', () => {
    const inf = new GilWaitInference();
    inf.observe(0, [{ taskId: 'x', pid: 11, state: 'S', futex: true, woke: true }, { taskId: 'y', pid: 11, state: 'R', futex: false, woke: true }], gil);
    inf.observe(5, [{ taskId: 'a', pid: 10, state: 'S', futex: true, woke: true }, { taskId: 'b', pid: 10, state: 'S', futex: true, woke: true }], gil);
    expect(inf.finish(10)).toEqual([]);
  });
});

describe('applyInferredGilWait', () => {
  it('splits sleeping segments, never running ones, and marks the part inferred', () => {
    const out = applyInferredGilWait(
      [seg('a', 0, 10, 'sleep', 1000), seg('a', 10, 20, 'running', 5000), seg('b', 0, 20, 'sleep')],
      [{ taskId: 'a', startMs: 4, endMs: 15 }],
    );
    expect(out.map((s) => [s.taskId, s.startMs, s.endMs, s.state, s.inferred ?? false])).toEqual([
      ['a', 0, 4, 'sleep', false],
      ['a', 4, 10, 'gil-wait', true],
      ['a', 10, 20, 'running', false],
      ['b', 0, 20, 'sleep', false],
    ]);
    expect(out[0]!.onCpuNs + out[1]!.onCpuNs).toBeCloseTo(1000);
  });
});

describe('traced task naming', () => {
  it('names processes and threads, recognises CPython and free-threaded builds', () => {
    expect(tracedTaskId(5, 5)).toBe('p5');
    expect(tracedTaskId(5, 7)).toBe('t7');
    expect(pythonFlavour('/usr/bin/python3.11', 'python3')).toEqual({ python: true, freeThreaded: false });
    expect(pythonFlavour('/usr/bin/python3.13t', 'python3.13t')).toEqual({ python: true, freeThreaded: true });
    expect(pythonFlavour('/usr/bin/bash', 'bash').python).toBe(false);
    expect(tracedKind(5, 5, true)).toBe('python-process');
    expect(tracedKind(5, 6, false)).toBe('thread');
  });
});

describe('resolveCommand', () => {
  it('finds a command on the PATH, refuses a missing one with one line', async () => {
    const { resolveCommand } = await import('../../../src/main/tracer/spawn-tree');
    expect(resolveCommand('sh', '/nonexistent:/bin:/usr/bin')).toMatch(/\/sh$/);
    expect(() => resolveCommand('no-such-cmd-xyz', '/bin')).toThrow('cannot run no-such-cmd-xyz: not found on the PATH');
    expect(() => resolveCommand('/nonexistent/prog')).toThrow('cannot run /nonexistent/prog: there is no file /nonexistent/prog');
  });

  it('a relative path starts from the working directory, and a miss says which one and what to do', async () => {
    const { resolveCommand } = await import('../../../src/main/tracer/spawn-tree');
    expect(resolveCommand('./sh', '', '/bin')).toBe('/bin/sh');
    expect(() => resolveCommand('./sh', '', '/nonexistent')).toThrow(/no file \/nonexistent\/sh\. Relative paths start from the working directory \/nonexistent/);
    // A file that is there but not executable: say how to run it.
    expect(() => resolveCommand('./passwd', '', '/etc')).toThrow(/not executable\. Make it executable \(chmod \+x \.\/passwd\)/);
    // A bare name that is a file here but not on the PATH: suggest ./name.
    expect(() => resolveCommand('passwd', '/nonexistent', '/etc')).toThrow(/write \.\/passwd/);
  });
});

describe('GIL waits from the threads\' states (gilWaitsFromStates)', () => {
  const seg = (taskId: string, startMs: number, endMs: number, state: 'running' | 'sleep' | 'runnable'): Segment => ({ taskId, startMs, endMs, state, core: state === 'running' ? 0 : null, onCpuNs: state === 'running' ? (endMs - startMs) * 1e6 : 0, waitNs: 0 });
  it('short sleeps while a sibling holds the GIL are waits; a long sleep (join), a runnable span and another process are not', async () => {
    const { gilWaitsFromStates, applyGilWaitsFromStates } = await import('../../../src/main/python/gil-inference');
    const segments = [
      seg('a', 0, 5, 'running'), seg('a', 5, 10, 'sleep'), seg('a', 10, 15, 'running'), seg('a', 15, 20, 'runnable'),
      seg('b', 0, 5, 'sleep'), seg('b', 5, 10, 'running'), seg('b', 10, 15, 'sleep'), seg('b', 15, 20, 'running'),
      seg('main', 0, 200, 'sleep'), // join(): one long sleep
      seg('other', 0, 5, 'sleep'), // a thread of another interpreter
    ];
    const pids = new Map([['a', 7], ['b', 7], ['main', 7], ['other', 8]]);
    expect(gilWaitsFromStates(segments, pids).map((i) => [i.taskId, i.startMs, i.endMs])).toEqual([
      ['a', 5, 10],
      ['b', 0, 5],
      ['b', 10, 15],
    ]);
    const out = applyGilWaitsFromStates(segments, pids);
    expect(out.filter((s) => s.state === 'gil-wait').every((s) => s.inferred === true)).toBe(true);
    expect(out.find((s) => s.taskId === 'a' && s.startMs === 15)?.state).toBe('runnable');
    expect(out.find((s) => s.taskId === 'main')?.state).toBe('sleep');
  });
});
