import { afterAll, describe, expect, it } from 'vitest';
import { realEngine } from '../../support/engine';

const engine = realEngine({ hangGraceMs: 1500 });
afterAll(() => engine.dispose());

describe('a gil-thread that hangs holding the GIL', () => {
  it('starves the others (as in CPython) until it is killed as hung; then they go on, not misdiagnosed as hung', async () => {
    const session = await engine.startRun({ kind: 'gil-thread', workers: 3, durationS: 5 });
    await new Promise((r) => setTimeout(r, 800));
    session.misbehave('w0', 'hang');
    const trace = await session.done;
    const byId = new Map(trace.tasks.map((t) => [t.id, t]));
    expect(byId.get('w0')!.exitReason).toBe('hung');
    for (const id of ['w1', 'w2']) expect(byId.get(id)!.exitReason).not.toBe('hung');
    // After w0 was killed the lock was freed: the others made progress again.
    const killedAt = byId.get('w0')!.exitMs!;
    const after = trace.markers.filter((m) => m.kind === 'gil-handover' && m.tMs > killedAt);
    expect(after.length).toBeGreaterThan(5);
  });
});
