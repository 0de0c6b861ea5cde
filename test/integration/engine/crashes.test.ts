import { afterAll, describe, expect, it } from 'vitest';
import type { BridgeEvent, Task } from '../../../src/shared';
import { createEngine } from '../../../src/main/engine/create-engine';
import { createNodeForkLauncher } from '../../../src/main/engine/launchers/node-fork-launcher';
import { realEngine, workerMetrics } from '../../support/engine';
import { builtEntries } from '../../support/entries';
import { waitAllGone } from '../../support/proc';
import { until } from '../../support/until';

// A short hang grace so the watchdog acts within the test; everything else is real.
const engine = realEngine({ hangGraceMs: 1200, stopGraceMs: 1200 });
afterAll(() => engine.dispose());

describe.each(['thread', 'process'] as const)('misbehaving %s workers', (kind) => {
  it('one throws, one calls process.exit, one hangs: each is reported, the others go on, stop ends everything', async () => {
    const session = await engine.startRun({ kind, workers: 4, workload: 'cpu', durationS: 60 });
    const tasks = new Map<string, Task>();
    const crashMarkers: string[] = [];
    session.subscribe((e: BridgeEvent) => {
      if (e.type === 'task') tasks.set(e.task.id, e.task);
      if (e.type === 'markers') for (const m of e.markers) if (m.kind === 'crash' && m.taskId) crashMarkers.push(m.taskId);
    });
    // Wait until every worker has said hello (it has a tid).
    await until('every worker to say hello', () => ['w0', 'w1', 'w2', 'w3'].every((id) => tasks.get(id)?.tid != null), 15_000);
    const pids = [...new Set([...tasks.values()].map((t) => t.pid).filter((p): p is number => p !== null && p !== process.pid))];

    session.misbehave('w0', 'throw');
    session.misbehave('w1', 'exit');
    session.misbehave('w2', 'hang');
    await until('the three misbehaving workers to end', () => ['w0', 'w1', 'w2'].every((id) => tasks.get(id)?.exitReason != null), 15_000);
    expect(tasks.get('w0')?.exitReason).toBe('crashed');
    expect(tasks.get('w0')?.exitDetail).toMatch(/thrown on purpose/);
    expect(tasks.get('w1')?.exitReason).toBe('exited');
    expect(tasks.get('w1')?.exitDetail).toMatch(/exit code 3/);
    expect(tasks.get('w2')?.exitReason).toBe('hung');
    expect(crashMarkers).toEqual(expect.arrayContaining(['w0', 'w2']));

    // The survivor keeps working after the others went, and the host is fine.
    expect(tasks.get('w3')?.exitReason).toBeNull();
    await new Promise((r) => setTimeout(r, 600));
    expect(tasks.get('w3')?.exitReason).toBeNull();

    const trace = await session.stop();
    const w3 = workerMetrics(trace).find((t) => t.taskId === 'w3');
    expect(w3?.exitReason).toBe('stopped');
    expect(w3?.unitsDone).toBeGreaterThan(0);
    expect(trace.tasks.every((t) => t.exitMs !== null)).toBe(true);
    expect(trace.markers.filter((m) => m.kind === 'spawn').length).toBeGreaterThanOrEqual(4);
    // Stop ended everything: no worker process of the run is left.
    expect(await waitAllGone(pids, 3000)).toEqual([]);
  });
});

describe('adding and removing workers during a run', () => {
  it('adds a process to a thread run and removes it; both are markers and tasks', async () => {
    const session = await engine.startRun({ kind: 'thread', workers: 1, workload: 'io', durationS: 60 });
    const added = await session.addWorker('process');
    const removed = await session.removeWorker(added);
    expect(removed).toBe(added);
    const trace = await session.stop();
    const task = trace.tasks.find((t) => t.id === added);
    expect(task?.kind).toBe('process');
    expect(task?.exitReason).toBe('removed');
    expect(trace.tasks.find((t) => t.id === 'w0')?.exitReason).toBe('stopped');
    expect(trace.markers.some((m) => m.kind === 'spawn' && m.taskId === added)).toBe(true);
    expect(trace.markers.some((m) => m.kind === 'exit' && m.taskId === added)).toBe(true);
    expect(await waitAllGone(task?.pid ? [task.pid] : [], 3000)).toEqual([]);
  });
});

describe('a worker that cannot start', () => {
  it('is reported as ended before its first instruction, and the run still ends cleanly', async () => {
    const broken = createEngine({ entries: { ...builtEntries(), process: '/nonexistent/corelanes-process.js' }, launcher: createNodeForkLauncher() });
    try {
      const session = await broken.startRun({ kind: 'process', workers: 1, workload: 'cpu', durationS: 0.5 });
      const trace = await session.done;
      const task = trace.tasks.find((t) => t.id === 'w0');
      expect(task?.startedMs).toBeNull();
      expect(task?.exitReason).toBe('exited');
      expect(task?.exitDetail).toMatch(/before its first instruction/);
      expect(trace.markers.some((m) => m.kind === 'exit' && m.taskId === 'w0')).toBe(true);
    } finally {
      await broken.dispose();
    }
  });
});

describe('a process that aborts', () => {
  it('dies of SIGABRT alone: reported as killed, its sibling goes on', async () => {
    const session = await engine.startRun({ kind: 'process', workers: 2, workload: 'cpu', durationS: 60 });
    const tasks = new Map<string, Task>();
    session.subscribe((e) => {
      if (e.type === 'task') tasks.set(e.task.id, e.task);
    });
    await until('both workers to say hello', () => ['w0', 'w1'].every((id) => tasks.get(id)?.tid != null), 15_000);
    session.misbehave('w0', 'abort');
    await until('w0 to end', () => tasks.get('w0')?.exitReason != null, 15_000);
    expect(tasks.get('w0')?.exitReason).toBe('killed');
    expect(tasks.get('w0')?.exitDetail).toMatch(/SIGABRT/);
    // V8's crash dump is captured into the exit detail (one line), not dumped on the terminal.
    expect(tasks.get('w0')?.exitDetail).toMatch(/stderr: .*V8 abort/);
    expect(tasks.get('w0')?.exitDetail).not.toContain('\n');
    const trace = await session.stop();
    expect(trace.tasks.find((t) => t.id === 'w1')?.exitReason).toBe('stopped');
  });
});
