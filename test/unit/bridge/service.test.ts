import { describe, expect, it, vi } from 'vitest';
import { createBridgeService } from '../../../src/main/bridge';
import type { Preset } from '../../../src/main/presets';
import type { BridgeEvent, Scenario, Verdict } from '../../../src/shared';
import { FakeEngine, type FakeSession } from './fake-engine';
import { MACHINE, makeTrace } from './fixtures';
import { verdictFixture } from '../../support/verdict';

const tick = () => new Promise((r) => setImmediate(r));

/** As on a machine without Python; the real answer comes from the engine's kind registry (it probes python3). */
const availability = async (kind: string) =>
  kind.startsWith('python') ? { available: false, reason: 'no python3 interpreter was found on the PATH' } : { available: true, reason: null };

function setup(presets: Preset[] = []) {
  const engine = new FakeEngine();
  const logged: string[] = [];
  const service = createBridgeService({ engine, presets, availability, log: (l) => logged.push(l) });
  const events: BridgeEvent[] = [];
  service.subscribe((e) => events.push(e));
  return { engine, service, events, logged };
}

const scenario = (id: string): Scenario => ({ id, title: `Preset ${id}`, claim: 'a claim', params: { kind: 'process' }, available: true, unavailableReason: null });
const verdict: Verdict = verdictFixture('two-runs');

describe('bridge service: validation', () => {
  it.each([
    ['bogus', {}, 'Unknown command "bogus"'],
    ['__proto__', {}, 'Unknown command'],
    ['startRun', { params: { workers: 10_000 } }, 'params.workers: workers must be at most 64'],
    ['startRun', { params: { workload: 'gpu' } }, 'params.workload'],
    ['startRun', { params: {}, extra: 1 }, 'extra'],
    ['loadTrace', { text: 42 }, 'text'],
    ['machineInfo', 'not an object', 'machineInfo: bad arguments'],
  ])('rejects %s %j with one line naming the problem', async (name, args, fragment) => {
    const { service, engine } = setup();
    const error = await service.invoke(name, args).then(() => null, (e: Error) => e);
    expect(error?.message).toContain(fragment);
    expect(error?.message).not.toContain('\n');
    expect(engine.sessions).toHaveLength(0);
  });

  it('validates results too: an engine bug becomes a clear error and a log line, not bad data', async () => {
    const { service, engine, logged } = setup();
    engine.machine = async () => ({ ...MACHINE, logicalCores: -1 });
    await expect(service.invoke('machineInfo', {})).rejects.toThrow('machineInfo failed inside Corelanes');
    expect(logged.join('\n')).toContain('logicalCores');
  });

  it('passes the engine\'s own error message on', async () => {
    const { service, engine } = setup();
    engine.failNextStart = 'python3.99 is not on the PATH';
    await expect(service.invoke('startRun', { params: { kind: 'python-thread' } })).rejects.toThrow('python3.99 is not on the PATH');
    await service.invoke('startRun', { params: {} }); // and the failed start left no run behind
  });
});

describe('bridge service: runs', () => {
  it('lists presets first, then one plain scenario per kind; python unavailable without python', async () => {
    const { service } = setup([{ scenario: scenario('cpu-processes'), run: vi.fn() }]);
    const list = (await service.invoke('listScenarios', {})) as Scenario[];
    expect(list[0]!.id).toBe('cpu-processes');
    expect(list.map((s) => s.id)).toContain('plain-thread');
    const py = list.find((s) => s.id === 'plain-python-thread')!;
    expect(py.available).toBe(false);
    expect(py.unavailableReason).toContain('python3');
  });

  it('announces a run, forwards its events, and allows one run at a time', async () => {
    const { service, engine, events } = setup();
    const { runId } = (await service.invoke('startRun', { params: { workers: 3, kind: 'process' } })) as { runId: string };
    const session = engine.sessions[0]!;
    expect(runId).toBe(session.runId);
    expect(session.params.workers).toBe(3);
    expect(events[0]).toMatchObject({ type: 'run-started', run: { runId, params: { kind: 'process', workers: 3 } }, machine: MACHINE });
    session.emit({ type: 'progress', runId, elapsedMs: 10, durationMs: 3000 });
    expect(events.at(-1)).toMatchObject({ type: 'progress', elapsedMs: 10 });
    await expect(service.invoke('startRun', { params: {} })).rejects.toThrow('A run is already going on');
    expect(engine.sessions).toHaveLength(1);
  });

  it('two startRun calls at once still make one run', async () => {
    const { service, engine } = setup();
    const results = await Promise.allSettled([service.invoke('startRun', { params: {} }), service.invoke('startRun', { params: {} })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(engine.sessions).toHaveLength(1);
  });

  it('adds and removes workers of the running run, and says so when there is none', async () => {
    const { service } = setup();
    await expect(service.invoke('addWorker', {})).rejects.toThrow('No run is going on');
    await service.invoke('startRun', { params: { workers: 1 } });
    expect(await service.invoke('addWorker', { kind: 'process' })).toEqual({ taskId: 'run-1-w1' });
    expect(await service.invoke('removeWorker', {})).toEqual({ taskId: 'run-1-w1' });
  });

  it('stops the run, keeps its trace, and exports it for Perfetto', async () => {
    const { service, events } = setup();
    expect(await service.invoke('getTrace', {})).toBeNull();
    await expect(service.invoke('exportChromeTrace', {})).rejects.toThrow('no trace yet');
    expect(await service.invoke('stopRun', {})).toEqual({ stopped: false });
    await service.invoke('startRun', { params: {} });
    expect(await service.invoke('stopRun', {})).toEqual({ stopped: true });
    await tick();
    expect(events.filter((e) => e.type === 'run-ended')).toEqual([{ type: 'run-ended', runId: 'run-1', reason: 'stopped', metrics: null }]);
    expect(((await service.invoke('getTrace', {})) as { run: { runId: string } }).run.runId).toBe('run-1');
    const { json } = (await service.invoke('exportChromeTrace', {})) as { json: string };
    expect(JSON.parse(json).traceEvents.length).toBeGreaterThan(3);
    await service.invoke('startRun', { params: {} }); // the slot is free again
    await service.invoke('stopRun', {});
    await tick();
    // The session's earlier run is still there by id; the last is the new one; an unknown id has none.
    expect(((await service.invoke('getTrace', { runId: 'run-1' })) as { run: { runId: string } }).run.runId).toBe('run-1');
    expect(((await service.invoke('getTrace', {})) as { run: { runId: string } }).run.runId).toBe('run-2');
    expect(await service.invoke('getTrace', { runId: 'nope' })).toBeNull();
  });

  it('forwards the one run-ended the engine sends, and never adds one of its own', async () => {
    const { service, engine, events } = setup();
    await service.invoke('startRun', { params: {} });
    (engine.sessions[0] as FakeSession).end('finished');
    await tick();
    await tick();
    expect(events.filter((e) => e.type === 'run-ended')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'run-ended', reason: 'finished' });
    expect(events.filter((e) => e.type === 'run-started')).toHaveLength(1);
  });

  it('reports a failed run as an error event and run-ended "failed", then accepts a new run', async () => {
    const { service, engine, events } = setup();
    await service.invoke('startRun', { params: {} });
    engine.sessions[0]!.crash('sampler died');
    await tick();
    await tick();
    expect(events.find((e) => e.type === 'error')).toMatchObject({ message: 'The run failed: sampler died', runId: 'run-1' });
    expect(events.at(-1)).toMatchObject({ type: 'run-ended', reason: 'failed' });
    await service.invoke('startRun', { params: {} });
  });

  it('rejects an unknown scenario and starts a plain one with its kind', async () => {
    const { service, engine } = setup();
    await expect(service.invoke('startRun', { params: {}, scenarioId: 'nope' })).rejects.toThrow('Unknown scenario "nope"');
    await service.invoke('startRun', { params: { workers: 1 }, scenarioId: 'plain-process' });
    expect(engine.sessions[0]!.params).toMatchObject({ kind: 'process', workers: 1 });
  });

  it('dispose ends the run going on', async () => {
    const { service, engine } = setup();
    await service.invoke('startRun', { params: {} });
    await service.dispose();
    expect(engine.sessions[0]!.stopped).toBe(true);
    await expect(service.invoke('machineInfo', {})).rejects.toThrow('shutting down');
  });

  it('a throwing listener is logged and does not starve the others; disposers work', async () => {
    const { service, logged } = setup();
    const seen: string[] = [];
    service.subscribe(() => {
      throw new Error('boom');
    });
    const off = service.subscribe((e) => seen.push(e.type));
    await service.invoke('startRun', { params: {} });
    expect(seen).toEqual(['run-started']);
    off();
    await service.invoke('stopRun', {});
    expect(seen).toEqual(['run-started']);
    expect(logged.some((l) => l.includes('boom'))).toBe(true);
  });
});

describe('bridge service: presets', () => {
  it('follows every run of a preset and sends the verdict after the last run-ended', async () => {
    const preset: Preset = {
      scenario: scenario('two-runs'),
      async run({ engine }) {
        const traces = [];
        for (const workers of [1, 2]) {
          const session = (await engine.startRun({ workers, kind: 'process' })) as FakeSession;
          session.emit({ type: 'progress', runId: session.runId, elapsedMs: 1, durationMs: 2 });
          traces.push(session.end('finished'));
        }
        return { traces, verdict };
      },
    };
    const { service, events } = setup([preset]);
    const { runId } = (await service.invoke('startRun', { params: {}, scenarioId: 'two-runs' })) as { runId: string };
    expect(runId).toBe('run-1');
    for (let i = 0; i < 5; i++) await tick();
    const types = events.map((e) => (e.type === 'run-ended' || e.type === 'run-started' || e.type === 'progress' ? `${e.type}:${'runId' in e ? e.runId : e.run.runId}` : e.type));
    expect(types).toEqual(['run-started:run-1', 'progress:run-1', 'run-ended:run-1', 'run-started:run-2', 'progress:run-2', 'run-ended:run-2', 'verdict']);
    expect(events.at(-2)).toMatchObject({ type: 'run-ended', runId: 'run-2', reason: 'finished' });
    expect(events.at(-1)).toEqual({ type: 'verdict', runId: 'run-2', verdict });
    expect(await service.invoke('getTrace', {})).toMatchObject({ verdict, run: { runId: 'run-2' } });
  });

  it('stopping a preset aborts it and ends its session', async () => {
    let signalSeen: AbortSignal | undefined;
    const preset: Preset = {
      scenario: scenario('long'),
      async run({ engine, signal }) {
        signalSeen = signal;
        const session = await engine.startRun({});
        const trace = await session.done;
        return { traces: [trace], verdict };
      },
    };
    const { service, engine, events } = setup([preset]);
    await service.invoke('startRun', { params: {}, scenarioId: 'long' });
    expect(await service.invoke('stopRun', {})).toEqual({ stopped: true });
    expect(signalSeen?.aborted).toBe(true);
    expect(engine.sessions[0]!.stopped).toBe(true);
    expect(events.filter((e) => e.type === 'run-ended')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'run-ended', reason: 'stopped' });
  });

  it('a preset that fails before its first run fails startRun with its message', async () => {
    const preset: Preset = {
      scenario: scenario('broken'),
      run: async () => {
        throw new Error('needs 4 cores');
      },
    };
    const { service } = setup([preset]);
    await expect(service.invoke('startRun', { params: {}, scenarioId: 'broken' })).rejects.toThrow('needs 4 cores');
    await tick();
    await service.invoke('startRun', { params: {} });
  });
});

describe('bridge service: presets without sessions', () => {
  function gated() {
    let open!: () => void;
    let fail!: (e: Error) => void;
    const gate = new Promise<void>((resolve, reject) => {
      open = resolve;
      fail = reject;
    });
    return { gate, open, fail };
  }

  it('answers startRun promptly with the preset\'s own run and ends it with the verdict', async () => {
    const g = gated();
    let seenExtras: unknown;
    const preset: Preset = {
      scenario: { ...scenario('message-cost'), producesTrace: false },
      async run(ctx) {
        seenExtras = ctx.threadEntry;
        await g.gate;
        return { traces: [], verdict };
      },
    };
    const engine = new FakeEngine();
    const service = createBridgeService({ engine, presets: [preset], presetExtras: { threadEntry: '/x/thread.js' }, log: () => undefined });
    const events: BridgeEvent[] = [];
    service.subscribe((e) => events.push(e));
    const { runId } = (await service.invoke('startRun', { params: {}, scenarioId: 'message-cost' })) as { runId: string };
    expect(runId).toMatch(/^message-cost-/);
    expect(seenExtras).toBe('/x/thread.js');
    expect(events).toMatchObject([{ type: 'run-started', run: { runId, scenarioId: 'message-cost', params: { kind: 'process' } } }]);
    await expect(service.invoke('startRun', { params: {} })).rejects.toThrow('already going on');
    g.open();
    await tick();
    await tick();
    expect(events.slice(-2)).toEqual([
      { type: 'run-ended', runId, reason: 'finished', metrics: null },
      { type: 'verdict', runId, verdict },
    ]);
    await service.invoke('startRun', { params: {} });
  });

  it('reports a failure after it was announced as an error and run-ended "failed"', async () => {
    const g = gated();
    const preset: Preset = { scenario: { ...scenario('race-counter'), producesTrace: false }, run: async () => (await g.gate, { traces: [], verdict }) };
    const { service, events } = setup([preset]);
    const { runId } = (await service.invoke('startRun', { params: {}, scenarioId: 'race-counter' })) as { runId: string };
    g.fail(new Error('worker died'));
    await tick();
    await tick();
    expect(events.slice(-2)).toEqual([
      { type: 'error', message: 'Preset race-counter failed: worker died', runId },
      { type: 'run-ended', runId, reason: 'failed', metrics: null },
    ]);
  });
});

describe('bridge service: traces from files', () => {
  it('loads a valid trace and exports it; rejects bad ones with one line', async () => {
    const { service } = setup();
    await expect(service.invoke('loadTrace', { text: '{oops' })).rejects.toThrow('not JSON');
    const bad = { ...makeTrace(), format: 'other' };
    await expect(service.invoke('loadTrace', { text: JSON.stringify(bad) })).rejects.toThrow(/^This file is not a Corelanes trace \(it has no "format"/);
    const loaded = await service.invoke('loadTrace', { text: JSON.stringify(makeTrace('from-file')) });
    expect(loaded).toMatchObject({ run: { runId: 'from-file' } });
    const { json } = (await service.invoke('exportChromeTrace', {})) as { json: string };
    expect(JSON.parse(json).metadata.runId).toBe('from-file');
  });
});

describe('bridge service: late subscribers', () => {
  it('replays the latest run to a listener that joins in the middle, then streams live', async () => {
    const { service, engine } = setup();
    await service.invoke('startRun', { params: {} });
    engine.sessions[0]!.emit({ type: 'progress', runId: 'run-1', elapsedMs: 5, durationMs: 10 });
    const late: string[] = [];
    service.subscribe((e) => late.push(e.type));
    expect(late).toEqual(['run-started', 'progress']);
    engine.sessions[0]!.emit({ type: 'progress', runId: 'run-1', elapsedMs: 6, durationMs: 10 });
    expect(late).toEqual(['run-started', 'progress', 'progress']);
    await service.invoke('stopRun', {});
    await service.invoke('startRun', { params: {} }); // a new run replaces the history
    const later: string[] = [];
    service.subscribe((e) => later.push(e.type));
    expect(later).toEqual(['run-started']);
  });
});
