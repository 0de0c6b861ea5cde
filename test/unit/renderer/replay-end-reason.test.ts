import { describe, expect, it } from 'vitest';
import type { BridgeEvent, Trace } from '../../../src/shared';
import { ReplayClient } from '../../../src/renderer/bridge/replay-client';
import { machine, task } from './fixtures';

const trace = (exitReason: 'stopped' | 'finished'): Trace => ({
  format: 'corelanes-trace',
  version: 1,
  machine,
  run: {
    runId: 'rec',
    scenarioId: null,
    params: { workload: 'cpu', kind: 'thread', workers: 1, durationS: 1, workUnits: null, intervalMs: 1, memoryMb: 64, switchIntervalMs: 5, python: 'python3' },
    startedAt: '2026-01-01T00:00:00Z',
    wallMs: 100,
  },
  tasks: [task('main', { kind: 'main', exitReason: 'finished' }), task('w0', { exitReason })],
  segments: [],
  markers: [],
  memory: [],
  metrics: null,
});

async function endReason(t: Trace) {
  const client = new ReplayClient(t, { speed: Infinity });
  const events: BridgeEvent[] = [];
  const off = client.subscribe((e) => events.push(e));
  await client.invoke('startRun', { params: {} });
  off();
  const ended = events.find((e) => e.type === 'run-ended');
  return ended?.type === 'run-ended' ? ended.reason : null;
}

describe('replayed end reason', () => {
  it('says stopped for a run whose tasks were stopped, finished otherwise', async () => {
    expect(await endReason(trace('stopped'))).toBe('stopped');
    expect(await endReason(trace('finished'))).toBe('finished');
  });
});
