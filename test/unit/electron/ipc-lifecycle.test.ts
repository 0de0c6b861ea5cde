import { describe, expect, it } from 'vitest';
import { createBridgeService } from '../../../src/main/bridge';
import { createEngine } from '../../../src/main/engine/create-engine';
import { createNodeForkLauncher } from '../../../src/main/engine/launchers/node-fork-launcher';
import type { Preset } from '../../../src/main/presets';
import type { BridgeEvent, Scenario, Verdict } from '../../../src/shared';
import { lifecycleCounts } from '../../support/lifecycle';
import { FakeEngine, type FakeSession } from '../bridge/fake-engine';
import { MACHINE } from '../bridge/fixtures';
import { simulatedIpc } from './simulated-ipc';

// A run's start and end over the Electron transport (simulated IPC, the real
// wiring, preload and client): the page sees exactly one run-started and one
// run-ended per run, whoever made the run, and a page that (re)loads in the
// middle of a run gets both, once.

const tick = () => new Promise((r) => setImmediate(r));
const verdict: Verdict = { presetId: 'p', claim: 'c', supported: true, numbers: {}, summary: 's' };
const scenario = (id: string, producesTrace?: false): Scenario => ({
  id,
  title: `Preset ${id}`,
  claim: 'c',
  params: { kind: 'thread', workers: 1 },
  available: true,
  unavailableReason: null,
  ...(producesTrace === false ? { producesTrace } : {}),
});

function page(service: ReturnType<typeof createBridgeService>) {
  const ipc = simulatedIpc(service);
  const open = () => {
    const events: BridgeEvent[] = [];
    ipc.openPage().subscribe((e) => events.push(e));
    return events;
  };
  return { open };
}

describe('one run-started and one run-ended per run, over IPC', () => {
  it('a plain run, stopped', async () => {
    const engine = new FakeEngine();
    const service = createBridgeService({ engine, presets: [], log: () => undefined });
    const events = page(service).open();
    await tick();
    const client = simulatedIpc(service).openPage();
    const { runId } = await client.invoke('startRun', { params: {} });
    await client.invoke('stopRun', {});
    await tick();
    expect([...lifecycleCounts(events)]).toEqual([[runId, { started: 1, ended: 1 }]]);
  });

  it('every run of a two-run preset, then its verdict', async () => {
    const preset: Preset = {
      scenario: scenario('two-runs'),
      async run({ engine }) {
        const traces = [];
        for (let i = 0; i < 2; i++) traces.push((await engine.startRun({}) as FakeSession).end('finished'));
        return { traces, verdict };
      },
    };
    const service = createBridgeService({ engine: new FakeEngine(), presets: [preset], log: () => undefined });
    const events = page(service).open();
    await tick();
    await simulatedIpc(service).openPage().invoke('startRun', { params: {}, scenarioId: 'two-runs' });
    for (let i = 0; i < 5; i++) await tick();
    expect([...lifecycleCounts(events).values()]).toEqual([
      { started: 1, ended: 1 },
      { started: 1, ended: 1 },
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'verdict', verdict });
  });

  it('a preset that measures without sessions, on the real engine (no process is started)', async () => {
    const preset: Preset = { scenario: scenario('measured', false), run: async () => ({ traces: [], verdict }) };
    const real = createEngine({ entries: { thread: 'unused', process: 'unused', sampler: 'unused' }, launcher: createNodeForkLauncher() });
    const engine = { ...real, machine: async () => MACHINE }; // its runs, without probing the Python interpreters (processes)
    const service = createBridgeService({ engine, presets: [preset], log: () => undefined });
    const events = page(service).open();
    await tick();
    const { runId } = await simulatedIpc(service).openPage().invoke('startRun', { params: {}, scenarioId: 'measured' });
    for (let i = 0; i < 5; i++) await tick();
    expect([...lifecycleCounts(events)]).toEqual([[runId, { started: 1, ended: 1 }]]);
    expect(events.map((e) => e.type)).toEqual(['run-started', 'run-ended', 'verdict']);
  });

  it('a page that (re)loads during a run gets its run-started replayed, then its run-ended, once each', async () => {
    const engine = new FakeEngine();
    const service = createBridgeService({ engine, presets: [], log: () => undefined });
    const app = page(service);
    const first = app.open();
    await tick();
    await simulatedIpc(service).openPage().invoke('startRun', { params: {} });
    engine.sessions[0]!.emit({ type: 'progress', runId: 'run-1', elapsedMs: 5, durationMs: 10 });
    const reloaded = app.open(); // the page reloads in the middle of the run
    await tick();
    expect(reloaded.map((e) => e.type)).toEqual(['run-started', 'progress']);
    engine.sessions[0]!.end('finished');
    await tick();
    expect([...lifecycleCounts(reloaded)]).toEqual([['run-1', { started: 1, ended: 1 }]]);
    expect(first.filter((e) => e.type === 'run-ended')).toHaveLength(0); // the old page was detached
  });
});
