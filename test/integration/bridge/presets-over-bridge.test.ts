import { afterEach, describe, expect, it } from 'vitest';
import { createBridgeService } from '../../../src/main/bridge';
import { builtEntryPaths } from '../../../src/main/cli/built-entries';
import { createEngine, createNodeForkLauncher, type Engine } from '../../../src/main/engine';
import { TraceSchema, VerdictSchema, type BridgeEvent, type BridgeService } from '../../../src/shared';
import { until } from '../../support/until';

// Real presets (the registry) started the way the page starts them: startRun
// with a scenarioId, over the bridge service and the real engine.

let engine: Engine | null = null;
let service: BridgeService | null = null;
afterEach(async () => {
  await service?.dispose();
  await engine?.dispose();
});

function setup() {
  const entries = builtEntryPaths();
  engine = createEngine({ entries, launcher: createNodeForkLauncher() });
  service = createBridgeService({ engine, presetExtras: { threadEntry: entries.thread, durationS: 1 }, log: () => undefined });
  const events: BridgeEvent[] = [];
  service.subscribe((e) => events.push(e));
  return { service, events };
}

describe('presets over the bridge', () => {
  it('cpu-threads streams its run and ends with a verdict the trace keeps', async () => {
    const { service, events } = setup();
    const list = (await service.invoke('listScenarios', {})) as { id: string }[];
    expect(list.map((s) => s.id)).toContain('cpu-threads');
    const { runId } = (await service.invoke('startRun', { params: {}, scenarioId: 'cpu-threads' })) as { runId: string };
    const verdict = await until('the verdict', () => events.find((e) => e.type === 'verdict'), 60_000);
    const ended = events.find((e) => e.type === 'run-ended');
    expect(ended).toMatchObject({ runId, reason: 'finished' });
    if (verdict.type !== 'verdict') throw new Error('unreachable');
    expect(verdict.runId).toBe(runId);
    expect(events.indexOf(verdict)).toBeGreaterThan(events.indexOf(ended!)); // after its run's run-ended
    expect(VerdictSchema.parse(verdict.verdict).presetId).toBe('cpu-threads');
    expect(events.filter((e) => e.type === 'run-ended')).toHaveLength(1);
    expect(events.some((e) => e.type === 'segments')).toBe(true);
    const trace = TraceSchema.parse(await service.invoke('getTrace', {}));
    expect(trace.verdict).toEqual(verdict.verdict);
  });

  it('race-counter (no session of its own) is announced at once and ends with its verdict', async () => {
    const { service, events } = setup();
    const { runId } = (await service.invoke('startRun', { params: {}, scenarioId: 'race-counter' })) as { runId: string };
    expect(events[0]).toMatchObject({ type: 'run-started', run: { runId, scenarioId: 'race-counter' } });
    const verdict = await until('the verdict', () => events.find((e) => e.type === 'verdict'), 120_000);
    expect(events.find((e) => e.type === 'run-ended')).toMatchObject({ runId, reason: 'finished' });
    if (verdict.type !== 'verdict') throw new Error('unreachable');
    expect(verdict.runId).toBe(runId);
    expect(VerdictSchema.parse(verdict.verdict).presetId).toBe('race-counter');
    expect(events.filter((e) => e.type === 'run-started' || e.type === 'run-ended').map((e) => e.type)).toEqual(['run-started', 'run-ended']);
  });
});
