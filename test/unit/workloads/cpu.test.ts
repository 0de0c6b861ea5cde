import { describe, expect, it } from 'vitest';
import { computeChunk, runCpu } from '../../../src/workers/workloads/cpu';
import { cpuUnit } from '../../../src/workers/workloads/cpu-unit';
import { recordingEnv } from './env';

describe('cpu workload', () => {
  it('one unit is deterministic for a seed and differs between seeds', () => {
    expect(cpuUnit(7)).toBe(cpuUnit(7));
    expect(cpuUnit(7)).not.toBe(cpuUnit(8));
  });

  it('a chunk never exceeds the fixed amount of work', () => {
    const { env } = recordingEnv();
    const r = computeChunk(0, env, { workUnits: 3, untilMono: null }, 1000);
    expect(r.units).toBe(3);
  });

  it('runs a fixed amount of work exactly, in compute phase, reporting growing units', async () => {
    const { env, phases, units } = recordingEnv();
    const done = await runCpu(env, { workUnits: 500, untilMono: null });
    expect(done).toBe(500);
    expect(phases).toEqual(['compute']);
    expect(units.at(-1)).toBe(500);
    expect([...units].sort((a, b) => a - b)).toEqual(units);
  });

  it('stops when asked, between chunks', async () => {
    const { env } = recordingEnv(30);
    const done = await runCpu(env, { workUnits: null, untilMono: null });
    expect(done).toBeGreaterThan(0);
  });
});
