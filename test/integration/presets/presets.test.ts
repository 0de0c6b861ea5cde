import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { TraceSchema, VerdictSchema } from '../../../src/shared';
import { createEngine, createNodeForkLauncher } from '../../../src/main/engine';
import { PRESETS, findPreset, type PresetContext } from '../../../src/main/presets';
import { builtEntries, CLI_BUNDLE } from '../../support/entries';

const entries = builtEntries();
const engine = createEngine({ entries, launcher: createNodeForkLauncher() });
afterAll(() => engine.dispose());
// Short runs: these check that each preset works end to end, not the size of its numbers.
const ctx: PresetContext = { engine, durationS: 0.4, threadEntry: entries.thread };

describe('race-counter', () => {
  it('plain read-modify-write loses updates in at least one of several tries; Atomics.add never', async () => {
    const { verdict } = await findPreset('race-counter')!.run(ctx);
    expect(verdict.numbers.plainTriesLosing).toBeGreaterThanOrEqual(1);
    expect(verdict.numbers.plainMaxLost).toBeGreaterThan(0);
    expect(verdict.numbers.atomicMaxLost).toBe(0);
    expect(verdict.supported).toBe(true);
  });
});

describe('crash', () => {
  it('the app and the unrelated workers survive every case; an aborted process takes all its threads', async () => {
    const pid = process.pid;
    const { verdict, traces } = await findPreset('crash')!.run(ctx);
    expect(process.pid).toBe(pid);
    expect(verdict.numbers).toMatchObject({ threadCrashEnded: 1, threadCrashSurvivors: 2, processCrashEnded: 1, processCrashSurvivors: 2, hostThreadsAfter: 0, appAlive: 1 });
    expect(verdict.numbers.hostThreadsBefore).toBeGreaterThan(2);
    expect(traces[0]!.tasks.find((t) => t.id === 'w0')!.exitReason).toBe('crashed');
  });
});

describe('every preset runs headless and ends with a verdict', () => {
  for (const preset of PRESETS) {
    it(preset.scenario.id, async () => {
      if (!preset.scenario.available) return; // e.g. no python3: listed as unavailable with the reason instead
      const { verdict, traces } = await preset.run(ctx);
      expect(VerdictSchema.parse(verdict).presetId).toBe(preset.scenario.id);
      expect(Object.keys(verdict.numbers).length).toBeGreaterThan(2);
      for (const t of traces) expect(TraceSchema.safeParse(t).success).toBe(true);
    });
  }
});

describe('corelanes run <preset> --json', () => {
  it('prints the verdict in the JSON output', () => {
    const r = spawnSync('node', [CLI_BUNDLE, 'run', 'gil-cpu-threads', '--json'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(VerdictSchema.parse(json.verdict)).toMatchObject({ presetId: 'gil-cpu-threads' });
    expect(json.verdict.numbers.handovers).toBeGreaterThan(0);
  });
});
