import { describe, expect, it } from 'vitest';
import { runIo } from '../../../src/workers/workloads/io';
import { allocateAndTouch, MB, runMemory } from '../../../src/workers/workloads/memory';
import { runMixed } from '../../../src/workers/workloads/mixed';
import { recordingEnv } from './env';

describe('io workload', () => {
  it('alternates real reads and real waits, one unit per step', async () => {
    const { env, phases } = recordingEnv();
    const done = await runIo(env, { workUnits: 3, untilMono: null });
    expect(done).toBe(3);
    expect(phases.slice(0, 4)).toEqual(['io', 'waiting', 'io', 'waiting']);
  });
});

describe('mixed workload', () => {
  it('alternates computation and I/O until stopped', async () => {
    const { env, phases } = recordingEnv(120);
    await runMixed(env, { workUnits: null, untilMono: null });
    expect(phases).toContain('compute');
    expect(phases).toContain('io');
    expect(phases.indexOf('compute')).toBeLessThan(phases.indexOf('io'));
  });
});

describe('memory workload', () => {
  it('allocates the asked size with every page touched', () => {
    const blocks = allocateAndTouch(2.5);
    expect(blocks.reduce((n, b) => n + b.byteLength, 0)).toBe(2.5 * MB);
    expect(blocks[1]?.[4096]).toBe((1 + 1) & 0xff);
  });

  it('reports MB as units, then waits holding the memory until stopped', async () => {
    const { env, phases, units, stopNow } = recordingEnv();
    setTimeout(stopNow, 60);
    const { units: done, held } = await runMemory(env, { workUnits: null, untilMono: null }, 20);
    expect(done).toBe(20);
    expect(units).toContain(16);
    expect(phases).toEqual(['compute', 'waiting']);
    expect(held.length).toBe(20);
  });
});
