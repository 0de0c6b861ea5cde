import { describe, expect, it } from 'vitest';
import { IO_SLEEP_MS } from '../../../src/workers/workloads/io';
import { MIXED_COMPUTE_MS } from '../../../src/workers/workloads/mixed';
import { GilThread, createGilBuffer, runGilLoop } from './imports';

describe('gil-thread mixed workload', () => {
  it('does what workloads/mixed.ts does: ~MIXED_COMPUTE_MS of CPU, then one I/O wait of IO_SLEEP_MS, alternating', async () => {
    // A fake clock: every unit of work costs 0.5 ms, a sleep costs its length.
    let t = 0;
    const gil = new GilThread(createGilBuffer(5), () => t);
    const phases: { phase: string; at: number }[] = [];
    const sleeps: number[] = [];
    await runGilLoop({
      gil,
      workload: 'mixed',
      slicesPerUnit: 5,
      maxUnits: null,
      shouldStop: () => t >= 200,
      onUnit: () => (t += 0.5),
      yieldToLoop: async () => undefined,
      sleep: async (ms) => {
        sleeps.push(ms);
        t += ms;
      },
      onPhase: (phase) => phases.push({ phase, at: t }),
      now: () => t,
    });
    const computeMs: number[] = [];
    phases.forEach((p, i) => {
      const next = phases[i + 1];
      if (p.phase === 'compute' && next) computeMs.push(next.at - p.at);
    });
    expect(computeMs.length).toBeGreaterThan(3);
    for (const ms of computeMs) expect(ms / MIXED_COMPUTE_MS).toBeCloseTo(1, 1);
    expect(new Set(sleeps)).toEqual(new Set([IO_SLEEP_MS]));
    // Compute and I/O alternate: as many I/O waits as compute bursts (the last burst may end the run).
    expect(Math.abs(sleeps.length - computeMs.length)).toBeLessThanOrEqual(1);
  });
});
