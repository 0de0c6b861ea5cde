import { describe, expect, it } from 'vitest';
import type { BridgeClient, BridgeEvent } from '../../../src/shared';
import { AppController } from '../../../src/renderer/app/controller';

/** A bridge that refuses traceCommand the way a host without allowTraceCommand does, and records what it was asked. */
function refusingClient(refusal: string) {
  const calls: { name: string; args: unknown }[] = [];
  const client: BridgeClient = {
    invoke: (async (name: string, args: unknown) => {
      calls.push({ name, args });
      if (name === 'traceCommand') throw new Error(refusal);
      throw new Error(`unexpected ${name}`);
    }) as BridgeClient['invoke'],
    subscribe: (_l: (e: BridgeEvent) => void) => () => undefined,
  };
  return { client, calls };
}

describe('Run my own program (controller)', () => {
  it("sends argv as given (no shell) and shows the bridge's refusal in its own words", async () => {
    const refusal = 'Run my own program is refused: this server is reachable from other machines.';
    const { client, calls } = refusingClient(refusal);
    const c = new AppController(client);
    expect(await c.traceCommand(['python3', '-c', 'print(1); import os'], 30)).toBe(false);
    expect(calls).toEqual([{ name: 'traceCommand', args: { argv: ['python3', '-c', 'print(1); import os'], maxDurationS: 30 } }]);
    const s = c.store.get();
    expect(s.errors.at(-1)).toBe(`Could not trace the program: ${refusal}`);
    expect(s.status).toBe('idle');
  });
});
