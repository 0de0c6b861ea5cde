import { describe, expect, it } from 'vitest';
import {
  BridgeEventSchema,
  COMMANDS,
  LIMITS,
  RunParamsSchema,
  ServerFrameSchema,
  TraceSchema,
  isCommandName,
  TRACE_FORMAT,
  TRACE_VERSION,
} from '../../../src/shared';

describe('RunParamsSchema', () => {
  it('fills defaults', () => {
    const p = RunParamsSchema.parse({});
    expect(p).toMatchObject({ workload: 'cpu', kind: 'thread', workers: 2, intervalMs: 1 });
  });

  it.each([
    [{ workers: 0 }, 'at least 1'],
    [{ workers: 10_000 }, `at most ${LIMITS.maxWorkers}`],
    [{ workers: 1.5 }, 'whole number'],
    [{ durationS: -1 }, 'positive'],
    [{ workload: 'gpu' }, 'workload'],
    [{ python: 'rm -rf /' }, 'python'],
    [{ bogus: 1 }, 'bogus'],
  ])('rejects %j naming the problem', (input, fragment) => {
    const r = RunParamsSchema.safeParse(input);
    expect(r.success).toBe(false);
    const text = JSON.stringify(r.error?.issues);
    expect(text).toContain(fragment);
  });
});

describe('bridge contract', () => {
  it('knows its command names and nothing else', () => {
    expect(isCommandName('startRun')).toBe(true);
    expect(isCommandName('toString')).toBe(false);
    expect(isCommandName('__proto__')).toBe(false);
    expect(isCommandName(42)).toBe(false);
  });

  it('validates command args strictly', () => {
    expect(COMMANDS.startRun.args.safeParse({ params: { workers: 2 } }).success).toBe(true);
    expect(COMMANDS.startRun.args.safeParse({ params: { workers: 2 }, extra: true }).success).toBe(false);
    expect(COMMANDS.addWorker.args.safeParse({ kind: 'process' }).success).toBe(true);
    expect(COMMANDS.addWorker.args.safeParse({ kind: 'fiber' }).success).toBe(false);
  });

  it('rejects unknown and malformed events', () => {
    expect(BridgeEventSchema.safeParse({ type: 'nope' }).success).toBe(false);
    expect(BridgeEventSchema.safeParse({ type: 'segments', runId: 'r', segments: [{ taskId: 't' }] }).success).toBe(false);
    expect(
      BridgeEventSchema.safeParse({ type: 'progress', runId: 'r', elapsedMs: 1, durationMs: 2 }).success,
    ).toBe(true);
  });

  it('tells result frames from error frames', () => {
    expect(ServerFrameSchema.safeParse({ kind: 'result', id: 1, ok: true, value: 3 }).success).toBe(true);
    expect(ServerFrameSchema.safeParse({ kind: 'result', id: 1, ok: false, error: 'x' }).success).toBe(true);
    expect(ServerFrameSchema.safeParse({ kind: 'result', id: 1, ok: false }).success).toBe(false);
  });
});

describe('TraceSchema', () => {
  const minimal = {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    machine: { os: 'linux', kernel: '6', arch: 'x64', cpuModel: 'x', logicalCores: 2, coresObservable: true, runtimes: {} },
    run: { runId: 'r1', scenarioId: null, params: RunParamsSchema.parse({}), startedAt: '2026-01-01T00:00:00Z', wallMs: 10 },
    tasks: [],
    segments: [{ taskId: 't1', startMs: 0, endMs: 1, state: 'running', core: 0, onCpuNs: 1e6, waitNs: 0 }],
    markers: [],
    memory: [],
    annotations: [],
    metrics: null,
  };

  it('accepts a minimal trace', () => {
    expect(TraceSchema.safeParse(minimal).success).toBe(true);
  });

  it('rejects another format or version, and impossible values', () => {
    expect(TraceSchema.safeParse({ ...minimal, format: 'other' }).success).toBe(false);
    expect(TraceSchema.safeParse({ ...minimal, version: 99 }).success).toBe(false);
    const bad = { ...minimal, segments: [{ ...minimal.segments[0], onCpuNs: -1 }] };
    expect(TraceSchema.safeParse(bad).success).toBe(false);
  });
});
