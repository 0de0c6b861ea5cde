import { describe, expect, it } from 'vitest';
import { sourceLine } from '../../../src/shared';

describe('sourceLine: which scheduling source a run used, in one line', () => {
  it('names exact and proc', () => {
    expect(sourceLine({ source: 'exact', intervalMs: 100 })).toMatch(/exact, from the kernel's context-switch records/);
    expect(sourceLine({ source: 'proc', intervalMs: 1, requested: 'proc' })).toMatch(/sampled from \/proc every 1 ms \(asked for\)/);
  });

  it('says why exact was refused and what enables it when auto fell back', () => {
    const line = sourceLine({
      source: 'proc',
      intervalMs: 1,
      requested: 'auto',
      refusal: { reason: 'not-allowed', errno: 'EACCES', message: 'perf events are off for this user (EACCES)', enable: 'run `sudo sysctl kernel.perf_event_paranoid=2`' },
    });
    expect(line).toMatch(/exact mode is not allowed here \(perf events are off for this user \(EACCES\)\); to enable it: run `sudo sysctl kernel.perf_event_paranoid=2`/);
  });
});
