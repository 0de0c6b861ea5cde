import type { Machine, Task } from '../../../src/shared';

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
