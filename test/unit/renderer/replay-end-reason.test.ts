import { describe, expect, it } from 'vitest';
import type { BridgeEvent, Trace } from '../../../src/shared';
import { ReplayClient } from '../../../src/renderer/bridge/replay-client';
import { task, trace as recorded } from './fixtures';

const trace = (exitReason: 'stopped' | 'finished'): Trace =>
  recorded({ tasks: [task('main', { kind: 'main', exitReason: 'finished' }), task('w0', { exitReason })] });

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
