import { describe, expect, it } from 'vitest';
import { presetOverrides, withIntervalDefault } from '../../../src/main/cli/run/preset-overrides';
import type { PresetContext } from '../../../src/main/presets/preset';

describe('presetOverrides', () => {
  it('passes a typed --duration to the preset', () => {
    expect(presetOverrides({ duration: 1, intervalMs: 2 }, (name) => (name === 'duration' ? 'cli' : 'default'))).toEqual({ durationS: 1, intervalMs: 2 });
  });

  it("keeps the preset's own length when --duration is only the default", () => {
    expect(presetOverrides({ duration: 3, intervalMs: 1 }, () => 'default')).toEqual({ intervalMs: 1 });
  });
});

describe('withIntervalDefault', () => {
  it("gives every run the CLI interval unless the preset chose one", async () => {
    const seen: unknown[] = [];
    const engine = { startRun: async (params: unknown) => (seen.push(params), {}) } as unknown as PresetContext['engine'];
    const wrapped = withIntervalDefault(engine, 4);
    await wrapped.startRun({ kind: 'thread' });
    await wrapped.startRun({ kind: 'thread', intervalMs: 2 });
    expect(seen).toEqual([{ kind: 'thread', intervalMs: 4, source: 'auto' }, { kind: 'thread', intervalMs: 2, source: 'auto' }]);
  });
});

describe('ignoredByPreset', () => {
  it('names the typed flags a preset decides itself, and nothing for defaults', async () => {
    const { ignoredByPreset } = await import('../../../src/main/cli/run/preset-overrides');
    const typed = new Set(['kind', 'workers', 'duration']);
    expect(ignoredByPreset((n) => (typed.has(n) ? 'cli' : 'default'))).toEqual(['--kind', '--workers']);
    expect(ignoredByPreset(() => 'default')).toEqual([]);
  });
});
