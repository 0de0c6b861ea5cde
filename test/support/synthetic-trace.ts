import { TRACE_FORMAT, TRACE_VERSION, type Segment, type Task, type TaskState, type Trace } from '../../src/shared';

/** mulberry32: a small seeded PRNG, so every synthetic trace (and fuzz case) can be made again. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticOptions {
  seed?: number;
  processes?: number;
  threadsPerProcess?: number;
  cores?: number;
  durationMs?: number;
  /** Share of running time whose core is not reported (null). */
  unknownCoreShare?: number;
}

/**
 * A valid trace like a real run's, made by a toy scheduler: each step gives
 * every core to at most one task, so no core ever runs two tasks at once (as
 * ftrace sees a CPU); the others wait, sleep or do I/O. Deterministic per seed.
 */
export function syntheticTrace(options: SyntheticOptions = {}): Trace {
  const rand = seeded(options.seed ?? 1);
  const processes = options.processes ?? 2;
  const threads = options.threadsPerProcess ?? 2;
  const cores = options.cores ?? 2;
  const durationMs = options.durationMs ?? 1000;
  const unknownShare = options.unknownCoreShare ?? 0;
  const tasks: Task[] = [];
  for (let p = 0; p < processes; p++) {
    const pid = 1000 + p * 10;
    for (let t = 0; t < threads; t++) {
      tasks.push({
        id: `w${p}${t === 0 ? '' : `.${t}`}`,
        kind: t === 0 ? 'process' : 'python-thread',
        label: t === 0 ? `process ${p}` : `thread ${p}.${t}`,
        pid,
        tid: pid + t,
        addressSpace: pid,
        parentId: t === 0 ? null : `w${p}`,
        workload: 'cpu',
        requestedMs: p,
        startedMs: p + 1,
        exitMs: durationMs,
        exitReason: 'finished',
        exitDetail: 'finished (exit code 0)',
      });
    }
  }
  const open = new Map<string, Segment>();
  const segments: Segment[] = [];
  const put = (taskId: string, t0: number, t1: number, state: TaskState, core: number | null) => {
    const last = open.get(taskId);
    if (last && last.state === state && last.core === core && last.endMs === t0) {
      last.endMs = t1;
      last.onCpuNs = state === 'running' ? (t1 - last.startMs) * 1e6 : 0;
      return;
    }
    const seg: Segment = { taskId, startMs: t0, endMs: t1, state, core, onCpuNs: state === 'running' ? (t1 - t0) * 1e6 : 0, waitNs: state === 'runnable' ? (t1 - t0) * 1e6 : 0 };
    segments.push(seg);
    open.set(taskId, seg);
  };
  let t = 2;
  while (t < durationMs - 1) {
    const step = Math.min(durationMs - 1 - t, Math.round((0.5 + rand() * 20) * 1000) / 1000);
    const order = tasks.map((x) => x.id).sort(() => rand() - 0.5);
    order.forEach((id, i) => {
      if (i < cores && rand() < 0.85) put(id, t, t + step, 'running', rand() < unknownShare ? null : i);
      else put(id, t, t + step, (['runnable', 'sleep', 'io', 'blocked'] as const)[Math.floor(rand() * 4)] as TaskState, null);
    });
    t += step;
  }
  return {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    machine: { os: 'linux', kernel: '6.1', arch: 'x64', cpuModel: 'synthetic', logicalCores: cores, coresObservable: true, runtimes: { node: '20' } },
    run: {
      runId: `syn${options.seed ?? 1}`,
      scenarioId: 'cpu-processes',
      params: { workload: 'cpu', kind: 'process', workers: processes, durationS: durationMs / 1000, workUnits: null, intervalMs: 1, memoryMb: 64, switchIntervalMs: 5, python: 'python3', source: 'auto' },
      startedAt: '2026-11-30T14:05:09.000Z',
      wallMs: durationMs,
    },
    tasks,
    segments,
    markers: [{ tMs: 1, kind: 'spawn', taskId: 'w0', text: 'process requested' }],
    memory: [{ tMs: 10, addressSpace: 1000, rssBytes: 50 * 1048576 }],
    annotations: [
      { id: 'a1', startMs: durationMs * 0.2, endMs: durationMs * 0.4, taskId: 'w0', text: 'both processes run in parallel', arrow: { taskId: 'w1', tMs: durationMs * 0.3 } },
      { id: 'a2', startMs: durationMs * 0.6, endMs: durationMs * 0.6, taskId: null, text: 'a moment', arrow: null },
    ],
    metrics: null,
  };
}
