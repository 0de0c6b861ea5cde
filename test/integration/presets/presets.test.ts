import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { TraceSchema, VerdictSchema, type Verdict } from '../../../src/shared';
import { createEngine } from '../../../src/main/engine';
import { countingLauncher } from '../../support/counting-launcher';
import { PRESETS, findPreset, type PresetContext } from '../../../src/main/presets';
import { loadExercises } from '../../../src/main/exercises';
import { builtEntries, CLI_BUNDLE, ROOT } from '../../support/entries';
import { join } from 'node:path';

const entries = builtEntries();
// The real fork launcher, remembering what it started: presets start their rig processes only through ctx.launcher.
const { launcher, forked } = countingLauncher();
const engine = createEngine({ entries, launcher });
afterAll(() => engine.dispose());
// Short runs: these check that each preset works end to end, not the size of its numbers.
const ctx: PresetContext = { engine, durationS: 0.4, threadEntry: entries.thread, launcher };

const raw = (v: Verdict, key: string) => v.raw[key];

describe('race-counter', () => {
  it('plain read-modify-write loses updates in some try and Atomics.add never, or it says why it cannot tell', async () => {
    const { verdict } = await findPreset('race-counter')!.run(ctx);
    const atomicLost = Object.entries(verdict.raw).filter(([k]) => k.startsWith('atomicLost.')).map(([, v]) => v);
    expect(atomicLost.length).toBe(5);
    expect(Math.max(...atomicLost)).toBe(0);
    // Never a false "not supported": two threads that never overlapped (busy machine) are "inconclusive" with the reason.
    expect(['supported', 'inconclusive']).toContain(verdict.status);
    if (verdict.status === 'supported') expect(Object.entries(verdict.raw).some(([k, v]) => k.startsWith('plainLost.') && v > 0)).toBe(true);
    else expect(verdict.explanation).toMatch(/busy loops got only|one core/);
  });
});

describe('crash', () => {
  it('the unrelated workers survive every case; an aborted process takes all its threads', async () => {
    const { verdict, traces } = await findPreset('crash')!.run(ctx);
    expect(verdict.raw).toMatchObject({ threadCrashEnded: 1, threadCrashSurvivors: 2, processCrashEnded: 1, processCrashSurvivors: 2, hostThreadsAfter: 0 });
    expect(raw(verdict, 'hostThreadsBefore')).toBeGreaterThan(2);
    expect(verdict.status).toBe('supported');
    expect(verdict.charts[0]).toMatchObject({ type: 'outcomes', cases: [{ asClaimed: true }, { asClaimed: true }, { asClaimed: true }] });
    expect(traces[0]!.tasks.find((t) => t.id === 'w0')!.exitReason).toBe('crashed');
  });
});

// A preset a bundled exercise runs is checked there, end to end with its verdict (exercises/bundled-check.test.ts).
const exercised = new Set(loadExercises([join(ROOT, 'exercises')]).exercises.flatMap((x) => ('preset' in x.run ? [x.run.preset] : [])));

describe('every preset no exercise runs, runs headless and ends with a verdict v2', () => {
  it('the bundled exercises leave few presets to this test', () => expect(PRESETS.length - exercised.size).toBeLessThanOrEqual(4));
  for (const preset of PRESETS.filter((p) => !exercised.has(p.scenario.id))) {
    // An unavailable preset (e.g. no python3) is listed with its reason instead; the skip says so.
    it.skipIf(!preset.scenario.available)(`${preset.scenario.id}${preset.scenario.available ? '' : ` (skipped: ${preset.scenario.unavailableReason})`}`, async () => {
      const { verdict, traces } = await preset.run(ctx);
      const v = VerdictSchema.parse(verdict);
      expect(v.presetId).toBe(preset.scenario.id);
      expect(v.explanation.length).toBeGreaterThan(20);
      expect(v.numbers.length).toBeGreaterThan(1);
      expect(v.numbers.every((n) => n.label.length > 0)).toBe(true);
      expect(v.charts.length).toBeGreaterThan(0);
      expect(Object.keys(v.raw).length).toBeGreaterThan(2);
      expect(v.machine.cores).toBeGreaterThan(0);
      expect(v.repeats.n).toBeGreaterThan(0);
      if (v.status === 'inconclusive') expect(v.explanation).toMatch(/^Inconclusive: /);
      if (preset.scenario.producesTrace !== false) expect(traces.length).toBeGreaterThan(0);
      for (const t of traces) expect(TraceSchema.safeParse(t).success).toBe(true);
    });
  }

  it('the crash rig started through the context\'s launcher (the exercises check the pools and message-cost rigs)', () => {
    // In Electron that launcher is utilityProcess.fork; child_process.fork would fail there with the runAsNode fuse off.
    expect(new Set(forked.filter((f) => f.startsWith('rigs/')))).toEqual(new Set(['rigs/crash-victim.js']));
  });
});

describe('corelanes run <preset> --json', () => {
  it('prints the verdict in the JSON output', () => {
    const r = spawnSync('node', [CLI_BUNDLE, 'run', 'gil-cpu-threads', '--json'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(VerdictSchema.parse(json.verdict)).toMatchObject({ presetId: 'gil-cpu-threads', status: expect.stringMatching(/^(supported|partly|not-supported|inconclusive)$/) });
    expect(json.verdict.explanation).toEqual(expect.any(String));
    for (const n of json.verdict.numbers) expect(n).toEqual({ key: expect.any(String), label: expect.any(String), value: expect.any(Number), unit: expect.any(String) });
    expect(json.verdict.raw['handovers.1']).toBeGreaterThan(0);
  });
});
