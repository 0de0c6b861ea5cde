import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBridgeService } from '../../../src/main/bridge';
import { encodeServerFrame, resultFrame } from '../../../src/main/web';
import { COMMAND_ACCESS, isCommandName, type Caller } from '../../../src/shared';
import { argsValue, commandName, fuzzSeed } from '../../support/fuzz';
import { FakeEngine } from './fake-engine';

const seed = fuzzSeed();
const availability = async () => ({ available: true, reason: null });

describe(`bridge arguments (fast-check, seed ${seed}; FUZZ_SEED=N replays another)`, () => {
  it('any command name and arguments, from any caller: an answer or a one-line error, never a throw, and a viewer never starts anything', async () => {
    const engine = new FakeEngine();
    const service = createBridgeService({ engine, presets: [], availability, log: () => undefined });
    const caller = fc.record({ role: fc.constantFrom('leader' as const, 'viewer' as const), transport: fc.constantFrom('websocket' as const, 'ipc' as const, 'in-process' as const) });
    await fc.assert(
      fc.asyncProperty(commandName, argsValue, caller, async (name, args, who: Caller) => {
        const before = engine.sessions.length;
        let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
        try {
          outcome = { ok: true, value: await service.invoke(name, args, who) };
        } catch (error) {
          outcome = { ok: false, error };
        }
        if (outcome.ok) {
          expect(isCommandName(name)).toBe(true);
          expect(COMMAND_ACCESS[name as keyof typeof COMMAND_ACCESS].roles).toContain(who.role);
          expect(encodeServerFrame(resultFrame(1, outcome.value))).not.toBeNull();
        } else {
          expect(outcome.error).toBeInstanceOf(Error);
          expect((outcome.error as Error).message.length).toBeGreaterThan(0);
        }
        if (who.role === 'viewer') expect(engine.sessions.length).toBe(before);
        // One run at a time: end it so later startRun calls are tried too.
        for (const s of engine.sessions) s.end('stopped');
      }),
      { seed, numRuns: 1000 },
    );
    // The generator reaches the paths that do something, not only refusals.
    expect(engine.sessions.length).toBeGreaterThan(0);
    await service.dispose();
  });
});
