import { describe, expect, it } from 'vitest';
import {
  BridgeEventSchema,
  RUN_COMMAND_LIMITS,
  RunParamsSchema,
  TRACE_FORMAT,
  TRACE_VERSION,
  TraceSchema,
  readTrace,
  runCommandOf,
  runIntervalMs,
  toChromeTrace,
  type Trace,
} from '../../../src/shared';

const base = {
  format: TRACE_FORMAT,
  version: TRACE_VERSION,
  machine: { os: 'linux', kernel: '6', arch: 'x64', cpuModel: 'cpu', logicalCores: 2, coresObservable: true, runtimes: {} },
  tasks: [
    { id: 't10', kind: 'python-process', label: 'python3 pid 10', pid: 10, tid: 10, addressSpace: 10, parentId: null, workload: null, requestedMs: 0, startedMs: 0, exitMs: 90, exitReason: 'exited', exitDetail: 'exit code 0' },
  ],
  segments: [],
  markers: [],
  memory: [],
  annotations: [],
  metrics: null,
};
const commandRun = { runId: 'trace-abc', scenarioId: 'trace', params: null, command: { argv: ['python3', 'x.py', '2'], intervalMs: 1 }, startedAt: '2026-01-01T00:00:00Z', wallMs: 100 };
/** A v1 trace as `corelanes trace` wrote it before run.command: placeholder params, no command. */
const oldStyleRun = { runId: 'trace-old', scenarioId: 'trace', params: RunParamsSchema.parse({ intervalMs: 1, workers: 1 }), startedAt: '2026-01-01T00:00:00Z', wallMs: 100 };

describe('run.command: a traced command says what ran instead of made-up params', () => {
  it('a command trace validates with params null and the argv', () => {
    const trace = TraceSchema.parse({ ...base, run: commandRun });
    expect(trace.version).toBe(TRACE_VERSION);
    expect(trace.run.params).toBeNull();
    expect(trace.run.command?.argv).toEqual(['python3', 'x.py', '2']);
    expect(runIntervalMs(trace.run)).toBe(1);
    // The live event carries the same run info.
    expect(BridgeEventSchema.safeParse({ type: 'run-started', run: commandRun, machine: base.machine }).success).toBe(true);
  });

  it('an old-style trace (params, no command) and a plain run still validate', () => {
    expect(TraceSchema.safeParse({ ...base, run: oldStyleRun }).success).toBe(true);
    const plain = TraceSchema.parse({ ...base, run: { ...oldStyleRun, scenarioId: null, params: RunParamsSchema.parse({ kind: 'process', intervalMs: 2 }) } });
    expect(runIntervalMs(plain.run)).toBe(2);
  });

  it('params may be null only when the run has a command; that is said in words', () => {
    const { command: _command, ...noCommand } = commandRun;
    const bad = { ...base, run: noCommand };
    const parsed = TraceSchema.safeParse(bad);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['run', 'params']);
    expect(parsed.error?.issues[0]?.message).toBe('params may be null only for a traced command (run.command)');
    expect(readTrace(bad)).toEqual({ ok: false, error: 'This Corelanes trace is damaged: run.params has a wrong or missing value (it holds null).' });
    // Absent params is not "not applicable": only an explicit null is.
    const { params: _params, ...noParams } = commandRun;
    expect(TraceSchema.safeParse({ ...base, run: noParams }).success).toBe(false);
  });

  it('the command is bounded: an empty argv, an unknown field or an endless one is refused', () => {
    const run = (command: unknown) => TraceSchema.safeParse({ ...base, run: { ...commandRun, command } }).success;
    expect(run({ argv: [], intervalMs: 1 })).toBe(false);
    expect(run({ argv: ['x'], intervalMs: 1, shell: true })).toBe(false);
    expect(run({ argv: Array.from({ length: RUN_COMMAND_LIMITS.maxItems + 1 }, () => 'a'), intervalMs: 1 })).toBe(false);
    expect(run({ argv: ['x'.repeat(RUN_COMMAND_LIMITS.maxItemChars + 1)], intervalMs: 1 })).toBe(false);
    expect(run({ argv: ['x'] })).toBe(false);
  });

  it('runCommandOf keeps a command line within the limits and says when it cut it', () => {
    expect(runCommandOf(['ls', '-l'], 2)).toEqual({ argv: ['ls', '-l'], intervalMs: 2, source: 'auto' });
    const many = runCommandOf(Array.from({ length: RUN_COMMAND_LIMITS.maxItems + 5 }, (_, i) => `a${i}`), 1);
    expect(many).toMatchObject({ truncated: true });
    expect(many.argv).toHaveLength(RUN_COMMAND_LIMITS.maxItems);
    const long = runCommandOf(['echo', 'y'.repeat(RUN_COMMAND_LIMITS.maxItemChars + 10)], 1);
    expect(long.truncated).toBe(true);
    expect(long.argv[1]).toHaveLength(RUN_COMMAND_LIMITS.maxItemChars);
    for (const c of [many, long]) expect(TraceSchema.safeParse({ ...base, run: { ...commandRun, command: c } }).success).toBe(true);
  });

  it('the Chrome export of a command trace carries the command and invents no kind', () => {
    const trace = TraceSchema.parse({ ...base, tasks: [{ ...base.tasks[0], tid: 11 }], run: commandRun }) as Trace;
    const chrome = toChromeTrace(trace);
    expect(chrome.metadata).toMatchObject({ params: null, command: { argv: ['python3', 'x.py', '2'] } });
    const names = chrome.traceEvents.filter((e) => e.name === 'process_name').map((e) => (e.args as { name: string }).name);
    expect(names).toEqual(['process (pid 10)']);
    expect(JSON.stringify(chrome)).not.toMatch(/"thread \(pid|"workload"/);
  });
});
