import { describe, expect, it } from 'vitest';
import { sourceLine } from '../../../src/shared';

describe('sourceLine: which scheduling source a run used, in one line', () => {
  it('names exact and proc', () => {
    expect(sourceLine({ source: 'exact', intervalMs: 100 })).toMatch(/exact, from the kernel's context-switch records/);
    expect(sourceLine({ source: 'proc', intervalMs: 1, requested: 'proc' })).toMatch(/sampled from \/proc every 1 ms \(asked for\)/);
  });

  it('says when the /proc rate is budgeted, and the rate it reached', () => {
    const line = sourceLine({ source: 'proc', intervalMs: 1, requested: 'proc', rateHz: 212.4, cpuBudgetPercent: 3, coarsestIntervalMs: 8 });
    expect(line).toBe('Scheduling: sampled from /proc at 212 Hz, every 1 to 8 ms as its CPU budget (3% of a core) allows (asked for)');
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
