import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../src/main/electron/app-services';
import { quitWithin } from '../../../src/main/electron/quit';
import { createNodeForkHost, type ProcessHost } from '../../../src/main/engine';
import type { Preset } from '../../../src/main/presets';
import { findLabEntry, spawnLabProcess } from '../../../src/main/presets/labs/lab-child';
import type { BridgeEvent } from '../../../src/shared';
import { builtEntries } from '../../support/entries';
import { isAlive, waitAllGone } from '../../support/proc';
import { until } from '../../support/until';

// The desktop app's wiring (src/main/electron/app-services.ts) with the real
// engine and real processes; only the host underneath is child_process.fork
// instead of utilityProcess.fork (the Electron binary cannot run here).

/** The real fork host, remembering which entry each child ran. */
function recordingHost(): ProcessHost & { forked: string[] } {
  const real = createNodeForkHost();
  const forked: string[] = [];
  return { name: real.name, forked, fork: (entry, options) => (forked.push(entry), real.fork(entry, options)) };
}


/** One pools task on one lab process, the way the pools preset spawns it (the full preset runs in test/integration/presets). */
const oneLabTask: Preset = {
  scenario: { id: 'one-lab-task', title: 'one lab task', claim: 'a lab process starts through the context\'s host', params: { kind: 'process', workers: 1 }, available: true, unavailableReason: null, producesTrace: false },
  async run(ctx) {
    const lab = spawnLabProcess(findLabEntry('task-worker', ctx.threadEntry), ctx.processHost);
    try {
      await lab.next((m) => m.type === 'ready');
      const done = lab.next((m) => m.type === 'done');
      lab.send({ type: 'task', id: 1, units: 1 });
      await done;
    } finally {
      await lab.kill();
    }
    return { traces: [], verdict: { presetId: 'one-lab-task', claim: 'x', supported: true, numbers: {}, summary: 'ok' } };
  },
};

// One app for both tests (the engine's machine probe is the slow part of a start).
const host = recordingHost();
let app: AppServices;
const events: BridgeEvent[] = [];
beforeAll(() => {
  app = createAppServices({ entries: builtEntries(), processHost: host, log: () => undefined, presets: [oneLabTask] });
  app.service.subscribe((e) => events.push(e));
});
afterAll(async () => {
  await app.service.dispose();
  await app.engine.dispose();
});

/** startRun, once the previous run has let go (its run-ended may arrive a moment before the service is free). */
async function startWhenFree(args: object): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await app.service.invoke('startRun', args);
      return;
    } catch (error) {
      if (i > 100 || !/already going on/.test(String(error))) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe('the desktop app has one process host', () => {
  it('workload processes and a preset\'s lab processes both start through it', async () => {
    await app.service.invoke('startRun', { params: { kind: 'process', workers: 1, workload: 'io', durationS: 0.3 } });
    await until('the plain run to end', () => events.some((e) => e.type === 'run-ended'), 30_000);
    await startWhenFree({ params: {}, scenarioId: 'one-lab-task' });
    await until('the preset\'s verdict', () => events.some((e) => e.type === 'run-ended' && e.verdict !== undefined), 30_000);
    const names = host.forked.map((p) => p.split(/[\\/]/).slice(-2).join('/'));
    expect(names).toEqual(['workers/process.js', 'labs/task-worker.js']);
    expect(app.processHost.live()).toBe(0);
  });

  it('quitting while runs hang ends every child at the deadline, then exits', async () => {
    events.length = 0;
    await startWhenFree({ params: { kind: 'process', workers: 2, workload: 'cpu', durationS: 60 } });
    const pids = await until('two worker processes', () => {
      const started = events.flatMap((e) => (e.type === 'task' && e.task.kind === 'process' && e.task.pid !== null ? [e.task.pid] : []));
      return new Set(started).size === 2 ? [...new Set(started)] : false;
    });
    expect(pids.every(isAlive)).toBe(true);
    const exits: number[] = [];
    // A cleanup that never ends (as a lab preset mid-measurement would make it), and a short deadline.
    const outcome = await quitWithin({ cleanup: () => new Promise(() => undefined), killChildren: () => app.processHost.killAll(), exit: (c) => exits.push(c), log: () => undefined, deadlineMs: 300 });
    expect(outcome).toBe('deadline');
    expect(exits).toEqual([0]);
    expect(await waitAllGone(pids, 3000)).toEqual([]);
  });
});
