import { describe, expect, it } from 'vitest';
import { spawnPhaseNote } from '../../../src/timeline/phase-band';

const open = { startMs: 10, endMs: null, label: 'spawn phase: 8 workers, at most 4 starting at once' };
const closed = { startMs: 10, endMs: 900, label: 'spawn phase over: 8 workers up in 890 ms, at most 4 starting at once' };

describe('spawnPhaseNote', () => {
  it('is a band over every lane: an open phase reaches the data so far, a closed one its end', () => {
    expect(spawnPhaseNote(null, 500)).toBeNull();
    expect(spawnPhaseNote(open, 500)).toEqual({ id: 'spawn-phase', startMs: 10, endMs: 500, taskId: null, text: open.label, arrow: null });
    expect(spawnPhaseNote(open, 0)?.endMs).toBe(10);
    expect(spawnPhaseNote(closed, 5000)).toMatchObject({ startMs: 10, endMs: 900, text: closed.label });
  });

  it('in a replay shows only what happened by its time', () => {
    expect(spawnPhaseNote(closed, 5000, 5)).toBeNull();
    expect(spawnPhaseNote(closed, 5000, 400)?.endMs).toBe(400);
    expect(spawnPhaseNote(closed, 5000, 2000)?.endMs).toBe(900);
  });
});
