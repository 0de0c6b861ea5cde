import { describe, expect, it } from 'vitest';
import { ScenarioSchema } from '../../../src/shared';
import { PRESETS, findPreset } from '../../../src/main/presets';
import { costNumbers, sizeLabel, MESSAGE_SIZES } from '../../../src/main/presets/message-cost';
import { repsFor } from '../../../src/main/presets/rigs/message-rig';
import { rigEntryPath } from '../../../src/main/presets/rigs/rig-child';

const EXPECTED = [
  'gil-cpu-threads', 'cpu-threads', 'cpu-processes', 'python-cpu-threads', 'python-cpu-processes', 'io-threads', 'io-processes',
  'message-cost', 'race-counter', 'crash', 'oversubscribe', 'spawn-cost', 'pools', 'speedup-sweep',
];

describe('preset registry', () => {
  it('holds one preset per claim, each a valid scenario with a claim', () => {
    expect(PRESETS.map((p) => p.scenario.id)).toEqual(EXPECTED);
    for (const p of PRESETS) {
      expect(ScenarioSchema.safeParse(p.scenario).success).toBe(true);
      expect(p.scenario.claim?.length ?? 0).toBeGreaterThan(20);
    }
    expect(findPreset('race-counter')?.scenario.title).toMatch(/Atomics/);
    expect(findPreset('nope')).toBeUndefined();
  });

  it('an unavailable python preset says why', () => {
    const p = findPreset('python-cpu-threads')!;
    expect(p.scenario.available || p.scenario.unavailableReason === 'no python3 on the PATH').toBe(true);
  });
});

describe('message-cost helpers', () => {
  it('spans 1 KB to 64 MB and names sizes', () => {
    expect(MESSAGE_SIZES[0]).toBe(1024);
    expect(MESSAGE_SIZES.at(-1)).toBe(64 * 2 ** 20);
    expect(MESSAGE_SIZES.map(sizeLabel)).toEqual(['1KB', '64KB', '1MB', '16MB', '64MB']);
    expect(repsFor(1024)).toBeGreaterThan(repsFor(64 * 2 ** 20));
  });

  it('flattens the table into verdict numbers', () => {
    expect(costNumbers([{ path: 'clone', bytes: 2 ** 20, reps: 4, latencyUs: 512.345, mbPerS: 1953.1 }])).toEqual({ 'clone.1MB.us': 512.3, 'clone.1MB.MBps': 1953.1 });
  });

  it('finds the rig entries next to the thread entry', () => {
    expect(rigEntryPath('/o/cli/workers/thread.js', 'echo')).toBe('/o/cli/workers/rigs/echo.js');
  });
});
