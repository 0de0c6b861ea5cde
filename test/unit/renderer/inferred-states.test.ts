import { describe, expect, it } from 'vitest';
import type { BridgeClient, BridgeEvent, Trace } from '../../../src/shared';
import { AppController } from '../../../src/renderer/app/controller';
import { STATE_INDEX } from '../../../src/timeline/segment-store';
import { machine, task } from './fixtures';

const run: Trace['run'] = {
  runId: 'py',
  scenarioId: null,
  params: { workload: 'cpu', kind: 'python-thread', workers: 1, durationS: 1, workUnits: null, intervalMs: 1, memoryMb: 64, switchIntervalMs: 5, python: 'python3' },
  startedAt: '2026-01-01T00:00:00Z',
  wallMs: 100,
};
const thread = task('t', { kind: 'python-thread' });
const asleep = { taskId: 't', startMs: 0, endMs: 100, state: 'sleep' as const, core: null, onCpuNs: 0, waitNs: 0 };
const finalTrace: Trace = {
  format: 'corelanes-trace',
  version: 2,
  machine,
  run,
  tasks: [thread],
  segments: [
    { ...asleep, endMs: 40 },
    { ...asleep, startMs: 40, state: 'gil-wait', inferred: true },
  ],
  markers: [],
  memory: [],
  annotations: [],
  metrics: null,
};

/** A bridge whose getTrace answers with the run's final trace. */
function bridge(trace: Trace | null): BridgeClient {
  return {
    invoke: (async (name: string) => (name === 'getTrace' ? trace : null)) as BridgeClient['invoke'],
    subscribe: () => () => undefined,
  };
}

async function liveRun(trace: Trace | null): Promise<AppController> {
  const controller = new AppController(bridge(trace));
  const events: BridgeEvent[] = [
    { type: 'run-started', run, machine },
    { type: 'task', task: thread },
    { type: 'segments', runId: 'py', segments: [asleep] },
    { type: 'run-ended', runId: 'py', reason: 'finished', metrics: null },
  ];
  for (const e of events) controller.handle(e);
  await new Promise((r) => setTimeout(r, 0));
  return controller;
}

describe('states inferred after a run (CPython GIL waits)', () => {
  it('replace the live lanes once the run has ended', async () => {
    const { model } = await liveRun(finalTrace);
    expect(Array.from(model.taskLanes[0]!.category.subarray(0, model.taskLanes[0]!.length))).toEqual([STATE_INDEX.sleep, STATE_INDEX['gil-wait']]);
  });

  it('leave the live lanes alone when the final trace has none, or is another run', async () => {
    const other = await liveRun({ ...finalTrace, run: { ...run, runId: 'other' } });
    expect(other.model.taskLanes[0]!.length).toBe(1);
    const none = await liveRun({ ...finalTrace, segments: [asleep] });
    expect(Array.from(none.model.taskLanes[0]!.category.subarray(0, 1))).toEqual([STATE_INDEX.sleep]);
  });
});
