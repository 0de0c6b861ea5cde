import type { Machine, Task, Trace } from '../../../src/shared';

export const machine: Machine = {
  os: 'linux',
  kernel: '6.1',
  arch: 'x64',
  cpuModel: 'test',
  logicalCores: 2,
  coresObservable: true,
  runtimes: { node: '20' },
};

export function task(id: string, over: Partial<Task> = {}): Task {
  return {
    id,
    kind: 'thread',
    label: id,
    pid: 100,
    tid: 101,
    addressSpace: 100,
    parentId: null,
    workload: 'cpu',
    requestedMs: 0,
    startedMs: 1,
    exitMs: null,
    exitReason: null,
    exitDetail: null,
    ...over,
  };
}

/** A recorded one-worker thread run of 100 ms, with nothing in it unless `over` adds it. */
export function trace(over: Partial<Trace> = {}): Trace {
  return {
    format: 'corelanes-trace',
    version: 2,
    machine,
    run: {
      runId: 'rec',
      scenarioId: null,
      params: { workload: 'cpu', kind: 'thread', workers: 1, durationS: 1, workUnits: null, intervalMs: 1, memoryMb: 64, switchIntervalMs: 5, python: 'python3', source: 'auto' },
      startedAt: '2026-01-01T00:00:00Z',
      wallMs: 100,
    },
    tasks: [],
    segments: [],
    markers: [],
    memory: [],
    annotations: [],
    metrics: null,
    ...over,
  };
}
