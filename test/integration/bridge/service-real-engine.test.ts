import { afterEach, describe, expect, it } from 'vitest';
import { createBridgeService } from '../../../src/main/bridge';
import type { Engine } from '../../../src/main/engine';
import { TraceSchema, type BridgeEvent, type BridgeService, type Task } from '../../../src/shared';
import { realEngine } from '../../support/engine';
import { until } from '../../support/until';
import { isAlive } from '../../support/proc';

// The bridge service over the real engine (plain-Node process host): what the
// Electron IPC handlers and the WebSocket server both call.

let engine: Engine;
let service: BridgeService;
const events: BridgeEvent[] = [];

afterEach(async () => {
  await service?.dispose();
  await engine?.dispose();
  events.length = 0;
});

function setup() {
  engine = realEngine();
  service = createBridgeService({ engine, presets: [], log: () => undefined });
  service.subscribe((e) => events.push(e));
}

function workerTasks(): Task[] {
  const byId = new Map<string, Task>();
  for (const e of events) if (e.type === 'task') byId.set(e.task.id, e.task);
  return [...byId.values()].filter((t) => t.kind === 'process' || t.kind === 'thread');
}

describe('bridge service with the real engine', () => {
  it('adds and removes real workers during a run, stops it, and exports a valid trace', async () => {
    setup();
    const { runId } = (await service.invoke('startRun', { params: { kind: 'process', workers: 1, workload: 'io', durationS: 60 } })) as { runId: string };
    await until('the first worker', () => workerTasks().some((t) => t.pid !== null && t.startedMs !== null));

    const { taskId: added } = (await service.invoke('addWorker', { kind: 'thread' })) as { taskId: string };
    const thread = await until('the added thread to start', () => workerTasks().find((t) => t.id === added && t.tid !== null));
    expect(thread.kind).toBe('thread');
    expect(thread.pid).toBe(process.pid); // a thread lives in this process's address space

    const { taskId: removed } = (await service.invoke('removeWorker', { taskId: added })) as { taskId: string | null };
    expect(removed).toBe(added);
    await until('the removed thread to exit', () => workerTasks().find((t) => t.id === added && t.exitMs !== null));

    const proc = workerTasks().find((t) => t.kind === 'process')!;
    expect(await service.invoke('stopRun', {})).toEqual({ stopped: true });
    await until('the process to be gone', () => !isAlive(proc.pid!), 5000);
    expect(events.filter((e) => e.type === 'run-ended')).toMatchObject([{ runId, reason: 'stopped' }]);
    // The app's own threads are announced before their first live segments (QA finding 2: the renderer drops unannounced ones).
    for (const id of ['main', 'sampler']) {
      const announced = events.findIndex((e) => e.type === 'task' && e.task.id === id);
      const firstSegment = events.findIndex((e) => e.type === 'segments' && e.segments.some((s) => s.taskId === id));
      expect(announced, `task ${id} announced`).toBeGreaterThanOrEqual(0);
      expect(firstSegment, `live segments of ${id}`).toBeGreaterThan(announced);
    }

    const trace = TraceSchema.parse(await service.invoke('getTrace', {}));
    expect(trace.run.runId).toBe(runId);
    expect(trace.tasks.map((t) => t.id)).toEqual(expect.arrayContaining([proc.id, added]));

    const { json } = (await service.invoke('exportChromeTrace', {})) as { json: string };
    const chrome = JSON.parse(json) as { traceEvents: { ph: string; name: string; pid: number; tid?: number }[] };
    const tracks = chrome.traceEvents.filter((e) => e.name === 'thread_name');
    expect(tracks.some((e) => e.pid === proc.pid)).toBe(true);
    expect(tracks.some((e) => e.tid === thread.tid)).toBe(true);
    expect(chrome.traceEvents.some((e) => e.ph === 'X')).toBe(true);

    // The exported text loads back as a trace file would.
    const reloaded = await service.invoke('loadTrace', { text: JSON.stringify(trace) });
    expect(reloaded).toEqual(trace);
  });

  it('rejects bad payloads before anything is spawned', async () => {
    setup();
    await expect(service.invoke('startRun', { params: { workers: 10_000 } })).rejects.toThrow('workers must be at most 64');
    await expect(service.invoke('startRun', { params: { kind: 'fork-bomb' } })).rejects.toThrow('params.kind');
    expect(events).toHaveLength(0);
  });
});
