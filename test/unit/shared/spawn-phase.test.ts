import { describe, expect, it } from 'vitest';
import { foldSpawnPhase, readTrace, spawnPhaseBeginMarker, spawnPhaseEndMarker, type Marker } from '../../../src/shared';
import { syntheticTrace } from '../../support/synthetic-trace';

const phase = { startMs: 10, endMs: 3210, workers: 64, batch: 4 };

describe('the spawn phase', () => {
  it('is folded from its begin and end markers: open until the end arrives, other markers leave it be', () => {
    const begin = spawnPhaseBeginMarker(10, 64, 4);
    const other: Marker[] = [
      { tMs: 20, kind: 'phase', taskId: 'w0', text: 'spawn phase: a task-level phase is not the run\'s' },
      { tMs: 30, kind: 'annotation', taskId: null, text: 'spawn phase: an annotation' },
      { tMs: 40, kind: 'spawn', taskId: 'w1', text: 'process requested' },
    ];
    const open = foldSpawnPhase(null, [begin, ...other]);
    expect(open).toEqual({ startMs: 10, endMs: null, label: 'spawn phase: 64 workers, at most 4 starting at once' });
    expect(foldSpawnPhase(open, other)).toBe(open);
    const closed = foldSpawnPhase(open, [spawnPhaseEndMarker(phase)]);
    expect(closed).toEqual({ startMs: 10, endMs: 3210, label: 'spawn phase over: 64 workers up in 3.20 s, at most 4 starting at once' });
    // An end without a begin (a trace cut before it) draws nothing.
    expect(foldSpawnPhase(null, [spawnPhaseEndMarker(phase)])).toBeNull();
  });

  it('is an optional field of run: traces without it still load, and one with it round-trips; a bad one is refused', () => {
    const old = JSON.parse(JSON.stringify(syntheticTrace({ seed: 7 })));
    expect(old.run.spawnPhase).toBeUndefined();
    expect(readTrace(old).ok).toBe(true);
    const withPhase = { ...old, run: { ...old.run, spawnPhase: phase } };
    const read = readTrace(withPhase);
    expect(read.ok && read.trace.run.spawnPhase).toEqual(phase);
    expect(readTrace({ ...old, run: { ...old.run, spawnPhase: { ...phase, batch: 0 } } }).ok).toBe(false);
  });
});
