import { RunParamsSchema, TRACE_FORMAT, TRACE_VERSION, type Machine, type Trace } from '../../../src/shared';

export const MACHINE: Machine = {
  os: 'linux',
  kernel: '6.1.0',
  arch: 'x64',
  cpuModel: 'Test CPU',
  logicalCores: 2,
  coresObservable: true,
  runtimes: { node: '20.20.2' },
};

/** A small valid trace: the host, one thread and one process, with segments, markers and memory. */
export function makeTrace(runId = 'run-1'): Trace {
  const task = (id: string, kind: 'main' | 'thread' | 'process', pid: number, tid: number, label: string) => ({
    id,
    kind,
    label,
    pid,
    tid,
    addressSpace: pid,
    parentId: null,
    workload: kind === 'main' ? null : 'cpu',
    requestedMs: 0,
    startedMs: 1,
    exitMs: 100,
    exitReason: 'finished' as const,
    exitDetail: null,
  });
  return {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    machine: MACHINE,
    run: { runId, scenarioId: null, params: RunParamsSchema.parse({}), startedAt: '2026-11-26T20:00:00.000Z', wallMs: 100 },
    tasks: [task('main', 'main', 100, 100, 'main'), task('t1', 'thread', 100, 101, 'thread 1'), task('p1', 'process', 200, 200, 'process 1')],
    segments: [
      { taskId: 't1', startMs: 1, endMs: 50, state: 'running', core: 0, onCpuNs: 49e6, waitNs: 0 },
      { taskId: 't1', startMs: 50, endMs: 60, state: 'runnable', core: null, onCpuNs: 0, waitNs: 10e6 },
      { taskId: 'p1', startMs: 2, endMs: 100, state: 'running', core: 1, onCpuNs: 98e6, waitNs: 0 },
    ],
    markers: [
      { tMs: 0.5, kind: 'spawn', taskId: 't1' },
      { tMs: 99, kind: 'annotation', taskId: null, text: 'run ends' },
    ],
    memory: [{ tMs: 10, addressSpace: 200, rssBytes: 50 * 1048576 }],
    annotations: [],
    metrics: null,
  };
}
