import { describe, expect, it } from 'vitest';
import type { BridgeClient, BridgeEvent, Trace } from '../../../src/shared';
import { AppController } from '../../../src/renderer/app/controller';
import { STATE_INDEX } from '../../../src/timeline/segment-store';
import { machine, task } from './fixtures';

const run: Trace['run'] = {
  runId: 'py',
  scenarioId: null,
  params: { workload: 'cpu', kind: 'python-thread', workers: 1, durationS: 1, workUnits: null, intervalMs: 1, memoryMb: 64, switchIntervalMs: 5, python: 'python3', source: 'auto' },
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

/** A bridge that counts the commands the page sends (the page must not fetch the trace at the end). */
function bridge(): BridgeClient & { invoked: string[] } {
  const invoked: string[] = [];
  return {
    invoked,
    invoke: (async (name: string) => void invoked.push(name)) as BridgeClient['invoke'],
    subscribe: () => () => undefined,
  };
}

/** A live run of one python thread; the engine's revised segments (from `finalTrace`) come before run-ended, as it sends them. */
function liveRun(revised: BridgeEvent | null): { model: AppController['model']; invoked: string[] } {
  const client = bridge();
  const controller = new AppController(client);
  const events: BridgeEvent[] = [
    { type: 'run-started', run, machine },
    { type: 'task', task: thread },
    { type: 'segments', runId: 'py', segments: [asleep] },
    ...(revised ? [revised] : []),
    { type: 'run-ended', runId: 'py', reason: 'finished', metrics: null },
  ];
  for (const e of events) controller.handle(e);
  return { model: controller.model, invoked: client.invoked };
}

const revisedEvent = (runId: string): BridgeEvent => ({ type: 'revised-segments', runId, taskIds: ['t'], segments: finalTrace.segments });

describe('states inferred after a run (CPython GIL waits)', () => {
  it('replace the live lanes with the revised segments the engine sends before run-ended; the page fetches nothing', () => {
    const { model, invoked } = liveRun(revisedEvent('py'));
    expect(Array.from(model.taskLanes[0]!.category.subarray(0, model.taskLanes[0]!.length))).toEqual([STATE_INDEX.sleep, STATE_INDEX['gil-wait']]);
    expect(invoked).not.toContain('getTrace');
  });

  it('leave the live lanes alone when nothing was revised, or the revision is of another run', () => {
    const other = liveRun(revisedEvent('other'));
    expect(other.model.taskLanes[0]!.length).toBe(1);
    const none = liveRun(null);
    expect(Array.from(none.model.taskLanes[0]!.category.subarray(0, 1))).toEqual([STATE_INDEX.sleep]);
  });

  it('keep running segments on their core lanes when a task is revised', () => {
    const client = bridge();
    const controller = new AppController(client);
    const running = { taskId: 't', startMs: 0, endMs: 10, state: 'running' as const, core: 1, onCpuNs: 1e7, waitNs: 0 };
    controller.handle({ type: 'run-started', run, machine });
    controller.handle({ type: 'task', task: thread });
    controller.handle({ type: 'segments', runId: 'py', segments: [running, { ...asleep, startMs: 10 }] });
    controller.handle({ type: 'revised-segments', runId: 'py', taskIds: ['t'], segments: [running, { ...asleep, startMs: 10, endMs: 50 }, { ...asleep, startMs: 50, state: 'gil-wait', inferred: true }] });
    const m = controller.model;
    expect(m.taskLanes[0]!.length).toBe(3);
    expect(m.coreLanes[1]!.length).toBe(1);
    expect(m.runningMs).toBe(10);
  });
});
