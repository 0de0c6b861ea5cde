import { describe, expect, it } from 'vitest';
import { TRACE_COMMAND_REFUSED, createBridgeService } from '../../../src/main/bridge';
import type { TraceRunner } from '../../../src/main/bridge/trace-run';
import type { TraceCommandOptions } from '../../../src/main/tracer/trace-command';
import { isLoopbackHost } from '../../../src/main/web/loopback';
import type { BridgeEvent } from '../../../src/shared';
import { FakeEngine } from './fake-engine';
import { makeTrace } from './fixtures';

const tick = () => new Promise((r) => setImmediate(r));

/**
 * A tracer stand-in that emits like the real one (its run-recording core): run-started once the
 * program started, the trace just before run-ended, and on a failure after the start an error
 * and run-ended "failed". It ends when told (or when stopped).
 */
function scriptedRunner() {
  const calls: TraceCommandOptions[] = [];
  let end: () => void = () => undefined;
  let fail: (e: Error) => void = () => undefined;
  const runner: TraceRunner = (o) => {
    calls.push(o);
    const trace = makeTrace('trace-abc');
    return new Promise((resolve, reject) => {
      if (o.argv[0] === 'no-such-program') return reject(new Error('cannot run no-such-program: spawn no-such-program ENOENT'));
      o.onEvent?.({ type: 'run-started', run: trace.run, machine: trace.machine });
      const finish = (reason: 'finished' | 'stopped') => {
        o.onTrace?.(trace);
        o.onEvent?.({ type: 'run-ended', runId: 'trace-abc', reason, metrics: trace.metrics });
        const tail = { text: '', bytes: 0, truncated: false };
        resolve({ trace, exitCode: 0, exitSignal: null, inferredGilWaits: 0, inferredGilWaitMs: 0, outcome: { version: 1, exitCode: 0, exitSignal: null, stdout: tail, stderr: tail } });
      };
      o.signal?.addEventListener('abort', () => finish('stopped'));
      end = () => finish('finished');
      fail = (e) => {
        o.onEvent?.({ type: 'error', message: `Tracing ${o.argv[0]} failed: ${e.message}`, runId: 'trace-abc' });
        o.onEvent?.({ type: 'run-ended', runId: 'trace-abc', reason: 'failed', metrics: null });
        reject(e);
      };
      o.onEvent?.({ type: 'task', task: trace.tasks[1]! }); // the real tracer looks at the tree at once
    });
  };
  return { runner, calls, end: () => end(), fail: (e: Error) => fail(e) };
}

function setup(allowTraceCommand: boolean) {
  const engine = new FakeEngine();
  const scripted = scriptedRunner();
  const service = createBridgeService({ engine, presets: [], log: () => undefined, allowTraceCommand, samplerEntry: '/built/sampler.js', traceRunner: scripted.runner });
  const events: BridgeEvent[] = [];
  service.subscribe((e) => events.push(e));
  return { service, events, ...scripted };
}

describe('bridge traceCommand', () => {
  it('is refused, with the reason and the way out, unless the host allows it', async () => {
    const { service, calls, events } = setup(false);
    await expect(service.invoke('traceCommand', { argv: ['python3', 'x.py'] })).rejects.toThrow(TRACE_COMMAND_REFUSED);
    expect(TRACE_COMMAND_REFUSED).toMatch(/only allowed when Corelanes serves loopback only; restart without --host/);
    expect(calls).toHaveLength(0);
    expect(events).toHaveLength(0);
  });

  it.each([
    [{ argv: [] }, 'name the program to run'],
    [{ argv: [''] }, 'must not be empty'],
    [{ argv: ['python3', ''] }, 'must not be empty'],
    [{ argv: ['a'.repeat(4097)] }, 'at most 4096 characters'],
    [{ argv: Array.from({ length: 65 }, () => 'x') }, 'at most 64 arguments'],
    [{ argv: ['ls\0-la'] }, 'NUL'],
    [{ argv: ['ls'], maxDurationS: 0 }, 'time limit must be positive'],
    [{ argv: ['ls'], shell: true }, 'shell'],
    [{ argv: 'rm -rf /' }, 'argv'],
  ])('rejects %j before anything runs', async (args, fragment) => {
    const { service, calls } = setup(true);
    const error = await service.invoke('traceCommand', args).then(() => null, (e: Error) => e);
    expect(error?.message).toContain(fragment);
    expect(calls).toHaveLength(0);
  });

  it('streams the tracer events as a run, keeps the trace before run-ended, stopRun stops it', async () => {
    const { service, calls, events } = setup(true);
    const { runId } = (await service.invoke('traceCommand', { argv: ['python3', 'x.py'], maxDurationS: 5 })) as { runId: string };
    expect(runId).toBe('trace-abc');
    expect(calls[0]).toMatchObject({ argv: ['python3', 'x.py'], samplerEntry: '/built/sampler.js', maxDurationS: 5, intervalMs: 1 });
    await expect(service.invoke('startRun', { params: {} })).rejects.toThrow('A run is already going on');
    let traceAtEnd: unknown = null;
    service.subscribe((e) => {
      if (e.type === 'run-ended') void service.invoke('getTrace', {}).then((t) => (traceAtEnd = t));
    });
    expect(await service.invoke('stopRun', {})).toEqual({ stopped: true });
    expect(calls[0]!.signal!.aborted).toBe(true);
    await tick();
    expect(events.map((e) => e.type)).toEqual(['run-started', 'task', 'run-ended']);
    expect(events.at(-1)).toMatchObject({ runId: 'trace-abc', reason: 'stopped' });
    expect(traceAtEnd).toMatchObject({ run: { runId: 'trace-abc' } });
    // The run is over: another may start.
    await service.invoke('startRun', { params: {} });
  });

  it('a program that cannot start is a failed command, not a run', async () => {
    const { service, events } = setup(true);
    await expect(service.invoke('traceCommand', { argv: ['no-such-program'] })).rejects.toThrow('cannot run no-such-program');
    expect(events).toHaveLength(0);
    await service.invoke('startRun', { params: {} }); // nothing left behind
  });

  it('a tracer failure after the start ends the run as failed with an error event', async () => {
    const { service, events, fail } = setup(true);
    await service.invoke('traceCommand', { argv: ['python3'] });
    fail(new Error('the sampler died'));
    await tick();
    expect(events.slice(-2)).toMatchObject([
      { type: 'error', message: expect.stringContaining('the sampler died'), runId: 'trace-abc' },
      { type: 'run-ended', runId: 'trace-abc', reason: 'failed' },
    ]);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.10', false],
    ['10.0.0.1', false],
    ['my-laptop.local', false],
    ['127.0.0.1.example.com', false],
    ['1270.0.0.1', false],
  ])('%s -> %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});
