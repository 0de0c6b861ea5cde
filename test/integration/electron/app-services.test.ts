import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../src/main/electron/app-services';
import { quitWithin } from '../../../src/main/electron/quit';
import { createNodeForkLauncher, type ProcessLauncher } from '../../../src/main/engine';
import type { Preset } from '../../../src/main/presets';
import { findRigEntry, spawnRigProcess } from '../../../src/main/presets/rigs/rig-child';
import type { BridgeEvent } from '../../../src/shared';
import { builtEntries } from '../../support/entries';
import { isAlive, waitAllGone } from '../../support/proc';
import { until } from '../../support/until';
import { verdictFixture } from '../../support/verdict';

// The desktop app's wiring (src/main/electron/app-services.ts) with the real
// engine and real processes; only the launcher underneath is child_process.fork
// instead of utilityProcess.fork (the Electron binary cannot run here).

/** The real fork launcher, remembering which entry each child ran. */
function recordingLauncher(): ProcessLauncher & { forked: string[] } {
  const real = createNodeForkLauncher();
  const forked: string[] = [];
  return { name: real.name, forked, fork: (entry, options) => (forked.push(entry), real.fork(entry, options)) };
}

/** One pools task on one rig process, the way the pools preset spawns it (the full preset runs in test/integration/presets). */
const oneRigTask: Preset = {
  scenario: { id: 'one-rig-task', title: 'one rig task', claim: 'a rig process starts through the context\'s launcher', params: { kind: 'process', workers: 1 }, available: true, unavailableReason: null, producesTrace: false },
  async run(ctx) {
    const rig = spawnRigProcess(findRigEntry('task-worker', ctx.threadEntry), ctx.launcher);
    try {
      await rig.next((m) => m.type === 'ready');
      const done = rig.next((m) => m.type === 'done');
      rig.send({ type: 'task', id: 1, units: 1 });
      await done;
    } finally {
      await rig.kill();
    }
    return { traces: [], verdict: verdictFixture('one-rig-task') };
  },
};

// One app for both tests (the engine's machine probe is the slow part of a start).
const launcher = recordingLauncher();
let app: AppServices;
const events: BridgeEvent[] = [];
beforeAll(() => {
  app = createAppServices({ entries: builtEntries(), launcher, log: () => undefined, presets: [oneRigTask] });
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

describe('the desktop app has one process launcher', () => {
  it('workload processes and a preset\'s rig processes both start through it', async () => {
    await app.service.invoke('startRun', { params: { kind: 'process', workers: 1, workload: 'io', durationS: 0.3 } });
    await until('the plain run to end', () => events.some((e) => e.type === 'run-ended'), 30_000);
    await startWhenFree({ params: {}, scenarioId: 'one-rig-task' });
    await until('the preset\'s verdict', () => events.some((e) => e.type === 'verdict'), 30_000);
    const names = launcher.forked.map((p) => p.split(/[\\/]/).slice(-2).join('/'));
    expect(names).toEqual(['workers/process.js', 'rigs/task-worker.js']);
    expect(app.launcher.live()).toBe(0);
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
    // A cleanup that never ends (as a preset mid-measurement with rigs would make it), and a short deadline.
    const outcome = await quitWithin({ cleanup: () => new Promise(() => undefined), killChildren: () => app.launcher.killAll(), exit: (c) => exits.push(c), log: () => undefined, deadlineMs: 300 });
    expect(outcome).toBe('deadline');
    expect(exits).toEqual([0]);
    expect(await waitAllGone(pids, 3000)).toEqual([]);
  });
});
