import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TRACE_COMMAND_REFUSED, createBridgeService } from '../../../src/main/bridge';
import { createEngine, createNodeForkLauncher, type Engine } from '../../../src/main/engine';
import { findPython } from '../../../src/main/python';
import { TraceSchema, type BridgeEvent, type BridgeService, type Task } from '../../../src/shared';
import { builtEntries, ROOT } from '../../support/entries';
import { isAlive, waitAllGone } from '../../support/proc';
import { until } from '../../support/until';

// "Run my own program" over the real bridge service: the real tracer starts
// real CPython, finds its threads and children in /proc and streams them like a run.

let python = 'python3';
let engine: Engine | null = null;
let service: BridgeService | null = null;
const events: BridgeEvent[] = [];
const fixture = (name: string) => join(ROOT, 'test/fixtures/python', name);

beforeAll(async () => {
  python = (await findPython('python3')).executable ?? 'python3';
});
afterEach(async () => {
  await service?.dispose();
  await engine?.dispose();
  service = null;
  engine = null;
  events.length = 0;
});

function setup(allowTraceCommand: boolean): BridgeService {
  const entries = builtEntries();
  engine = createEngine({ entries, launcher: createNodeForkLauncher() });
  service = createBridgeService({ engine, presets: [], log: () => undefined, allowTraceCommand, samplerEntry: entries.sampler });
  service.subscribe((e) => events.push(e));
  return service;
}

function tasks(): Task[] {
  const byId = new Map<string, Task>();
  for (const e of events) if (e.type === 'task') byId.set(e.task.id, e.task);
  return [...byId.values()];
}

describe('bridge traceCommand with the real tracer', () => {
  it('python3 with 2 CPU threads: streams the process and its threads, segments, then run-ended with metrics; the trace is kept', async () => {
    const svc = setup(true);
    const argv = [python, fixture('two_cpu_threads.py'), '1.5'];
    const { runId } = (await svc.invoke('traceCommand', { argv })) as { runId: string };
    const ended = await until('run-ended', () => events.find((e) => e.type === 'run-ended'), 30_000);
    expect(ended).toMatchObject({ runId, reason: 'finished', metrics: expect.objectContaining({ parallelism: expect.any(Number) }) });
    // The run says what ran, not made-up settings: the command's argv, no params (no kind or workload was chosen).
    expect(events[0]).toMatchObject({ type: 'run-started', run: { runId, params: null, command: { argv, intervalMs: 1 } } });

    const root = tasks().find((t) => t.kind === 'python-process' && t.parentId === null);
    expect(root).toBeDefined();
    const threads = tasks().filter((t) => t.kind === 'python-thread' && t.pid === root!.pid && t.tid !== root!.pid);
    expect(threads.length).toBeGreaterThanOrEqual(2);
    expect(new Set(threads.map((t) => t.tid)).size).toBe(threads.length);
    const streamed = new Set(events.flatMap((e) => (e.type === 'segments' ? e.segments.map((s) => s.taskId) : [])));
    for (const t of [root!, ...threads]) expect(streamed.has(t.id)).toBe(true);
    expect(tasks().every((t) => t.exitMs !== null)).toBe(true);

    // The kept trace is the tracer's: valid, same run, with the threads; under the GIL they share about one core.
    const trace = TraceSchema.parse(await svc.invoke('getTrace', {}));
    expect(trace.run.runId).toBe(runId);
    expect(trace.run).toMatchObject({ params: null, command: { argv } });
    const busy = trace.tasks.filter((t) => threads.some((x) => x.id === t.id));
    const onCpuMs = trace.segments.filter((s) => busy.some((t) => t.id === s.taskId)).reduce((a, s) => a + s.onCpuNs / 1e6, 0);
    const window = Math.max(...busy.map((t) => t.exitMs!)) - Math.min(...busy.map((t) => t.startedMs!));
    expect(onCpuMs / window).toBeGreaterThan(0.2); // they ran (a busy machine may leave them less than a core)
    expect(onCpuMs / window).toBeLessThanOrEqual(1.15);
    for (const t of busy) expect(trace.segments.some((s) => s.taskId === t.id && s.onCpuNs > 0)).toBe(true);
    // Another run may start now.
    expect(await svc.invoke('stopRun', {})).toEqual({ stopped: false });
  });

  it('stopRun ends the whole tree (multiprocessing children too)', async () => {
    const svc = setup(true);
    const { runId } = (await svc.invoke('traceCommand', { argv: [python, fixture('two_cpu_processes.py'), '60'] })) as { runId: string };
    const procs = await until('the script and its 2 child processes', () => {
      const p = tasks().filter((t) => t.kind === 'python-process' && t.pid !== null);
      return p.length >= 3 && p;
    });
    const pids = procs.map((t) => t.pid!);
    expect(pids.every(isAlive)).toBe(true);
    expect(await svc.invoke('stopRun', {})).toEqual({ stopped: true });
    expect(await waitAllGone(pids)).toEqual([]);
    expect(events.filter((e) => e.type === 'run-ended')).toMatchObject([{ runId, reason: 'stopped' }]);
  });

  it('is refused without allowTraceCommand: nothing runs, no event', async () => {
    const svc = setup(false);
    await expect(svc.invoke('traceCommand', { argv: [python, fixture('two_cpu_threads.py'), '1'] })).rejects.toThrow(TRACE_COMMAND_REFUSED);
    await new Promise((r) => setTimeout(r, 200));
    expect(events).toEqual([]);
  });
});
