import { describe, expect, it } from 'vitest';
import { AppController } from '../../../src/renderer/app/controller';
import type { BridgeClient } from '../../../src/shared';
import { machine } from './fixtures';

const quietBridge: BridgeClient = { invoke: (async () => null) as BridgeClient['invoke'], subscribe: () => () => undefined };

describe('"Start run" from the menu', () => {
  it("does what the run form's Start button does, and like it nothing while a run goes on or the link is down", () => {
    const controller = new AppController(quietBridge);
    let starts = 0;
    const off = controller.provideStart(() => starts++);
    controller.requestStart(); // still connecting
    expect(starts).toBe(0);
    controller.store.update((s) => ({ ...s, connection: 'open' }));
    controller.requestStart();
    expect(starts).toBe(1);
    controller.handle({ type: 'run-started', run: { runId: 'r', scenarioId: null, params: null, command: { argv: ['x'], intervalMs: 1 }, startedAt: '', wallMs: 0 }, machine });
    controller.requestStart();
    expect(starts).toBe(1);
    controller.handle({ type: 'run-ended', runId: 'r', reason: 'finished', metrics: null });
    controller.requestStart();
    expect(starts).toBe(2);
    off();
    controller.requestStart(); // no form: nothing to start
    expect(starts).toBe(2);
  });
});
