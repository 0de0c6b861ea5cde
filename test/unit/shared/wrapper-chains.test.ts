import { describe, expect, it } from 'vitest';
import { findWrappers, type ChainTask } from '../../../src/shared/trace/wrapper-chains';

/** A process (pid = tid) or a thread of one; times in ms. */
function task(id: string, pid: number, comm: string, parentId: string | null, startMs: number, exitMs: number | null, extra: Partial<ChainTask> = {}): ChainTask {
  return { id, pid, tid: pid, comm, python: comm.startsWith('python'), parentId, startMs, exitMs, ...extra };
}

/** CPU as constant rates per task over its life: cpuMs = rate x overlap. */
function facts(tasks: ChainTask[], rates: Record<string, number>, execs: Record<string, number> = {}, endMs = 1000) {
  return {
    tasks,
    lastExecMs: new Map(Object.entries(execs)),
    endMs,
    cpuMs(id: string, from: number, to: number) {
      const t = tasks.find((x) => x.id === id)!;
      const a = Math.max(from, t.startMs);
      const b = Math.min(to, t.exitMs ?? endMs);
      return Math.max(0, b - a) * (rates[id] ?? 0);
    },
  };
}

describe('wrapper process chains', () => {
  it('a pyenv shim: the bash helpers it ran before it exec\'d python3 fold into python3; its threads stay', () => {
    const tasks = [
      task('p1', 1, 'python3', null, 0, 900),
      task('p2', 2, 'bash', 'p1', 10, 60),
      task('p3', 3, 'readlink', 'p2', 20, 30),
      task('p4', 4, 'bash', 'p1', 70, 140),
      task('t5', 1, 'python3', 'p1', 300, 880, { tid: 5 }),
    ];
    const w = findWrappers(facts(tasks, { p1: 0.5, p2: 0.3, p3: 1, p4: 0.3, t5: 1 }, { p1: 150 }));
    expect(Object.fromEntries(w)).toEqual({ p2: 'p1', p3: 'p1', p4: 'p1' });
  });

  it('a helper that itself exec\'d and ran helpers: they all fold into the program at the end of the chain', () => {
    const tasks = [task('p1', 1, 'python3', null, 0, 900), task('p2', 2, 'pyenv', 'p1', 10, 100), task('p3', 3, 'bash', 'p2', 20, 30)];
    const w = findWrappers(facts(tasks, { p1: 1, p2: 0.5, p3: 0.5 }, { p1: 150, p2: 50 }));
    expect(Object.fromEntries(w)).toEqual({ p2: 'p1', p3: 'p1' });
  });

  it('a child started after the exec, or still running at it, is the program\'s own: not folded', () => {
    const tasks = [task('p1', 1, 'python3', null, 0, 900), task('p2', 2, 'bash', 'p1', 200, 300), task('p3', 3, 'bash', 'p1', 10, 400)];
    expect(findWrappers(facts(tasks, { p1: 1, p2: 0.2, p3: 0.2 }, { p1: 150 })).size).toBe(0);
  });

  it('sh -c that forks python3 and waits folds into it; a chain of two shells folds into the program at its end', () => {
    const tasks = [
      task('p1', 1, 'sh', null, 0, 1000),
      task('p2', 2, 'bash', 'p1', 5, 995),
      task('p3', 3, 'python3', 'p2', 10, 990),
    ];
    // The shells use CPU only until their child starts (rate x 5 ms at most), then wait.
    const f = facts(tasks, { p3: 1 });
    f.cpuMs = ((orig) => (id: string, from: number, to: number) => (id === 'p3' ? orig(id, from, to) : Math.max(0, Math.min(to, 5) - from)))(f.cpuMs);
    expect(Object.fromEntries(findWrappers(f))).toEqual({ p1: 'p3', p2: 'p3' });
  });

  it('a shell that keeps computing after its child started, or exits before it, is not a wrapper', () => {
    const busy = [task('p1', 1, 'sh', null, 0, 1000), task('p2', 2, 'python3', 'p1', 10, 990)];
    expect(findWrappers(facts(busy, { p1: 0.2, p2: 1 })).size).toBe(0);
    const leaves = [task('p1', 1, 'sh', null, 0, 20), task('p2', 2, 'python3', 'p1', 10, 990)];
    expect(findWrappers(facts(leaves, { p2: 1 })).size).toBe(0);
  });

  it('a Python parent waiting for its multiprocessing children is the program, never a wrapper', () => {
    const tasks = [task('p1', 1, 'python3', null, 0, 1000), task('p2', 2, 'python3', 'p1', 100, 990), task('p3', 3, 'python3', 'p1', 100, 990)];
    expect(findWrappers(facts(tasks, { p2: 1, p3: 1 })).size).toBe(0);
  });

  it('a launcher with several children folds into the busiest one', () => {
    const tasks = [task('p1', 1, 'bash', null, 0, 1000), task('p2', 2, 'sleep', 'p1', 10, 500), task('p3', 3, 'python3', 'p1', 10, 990)];
    expect(Object.fromEntries(findWrappers(facts(tasks, { p2: 0.001, p3: 1 })))).toEqual({ p1: 'p3' });
  });
});

describe('wrappersOfTrace', () => {
  it('reads a traced program\'s tasks, exec markers and segments; a preset\'s run has none', async () => {
    const { wrappersOfTrace } = await import('../../../src/shared/trace/wrapper-chains');
    const t = (id: string, pid: number, label: string, parentId: string | null, bornMs: number, exitMs: number) => ({ id, kind: 'process', label, pid, tid: pid, parentId, bornMs, requestedMs: bornMs, exitMs });
    const trace = {
      run: { command: { argv: ['python3'] }, wallMs: 1000 },
      tasks: [t('p1', 1, 'python3 pid 1', null, 0, 1000), t('p2', 2, 'bash pid 2', 'p1', 10, 60)],
      segments: [{ taskId: 'p2', startMs: 10, endMs: 20, state: 'running', onCpuNs: 10e6 }],
      markers: [{ tMs: 100, kind: 'phase', taskId: 'p1', text: 'exec python3' }],
    } as never;
    expect(Object.fromEntries(wrappersOfTrace(trace))).toEqual({ p2: 'p1' });
    expect(wrappersOfTrace({ ...(trace as object), run: { wallMs: 1000 } } as never).size).toBe(0);
  });
});
