import { afterAll, describe, expect, it } from 'vitest';
import { realEngine } from '../../support/engine';

// 12 CPU-bound processes on a 2-core machine, with a hang grace far shorter
// than the time each waits for a CPU: starved workers must not be judged hung,
// and a worker that truly hangs (spins with no heartbeat) still must be.
const engine = realEngine({ hangGraceMs: 300, stopGraceMs: 300 });
afterAll(() => engine.dispose());

describe('the watchdog on an oversubscribed machine', () => {
  it('judges none of 12 starved CPU-bound processes hung, but the one that spins silently', async () => {
    const session = await engine.startRun({ kind: 'process', workload: 'cpu', workers: 12, durationS: 2 });
    await new Promise((r) => setTimeout(r, 500));
    session.misbehave('w0', 'hang');
    const trace = await session.done;
    const workers = trace.tasks.filter((t) => /^w\d+$/.test(t.id));
    expect(workers).toHaveLength(12);
    // Each worker waited in the run queue for longer than the grace: the machine really was oversubscribed.
    const waits = (trace.metrics?.tasks ?? []).filter((t) => /^w\d+$/.test(t.taskId)).map((t) => t.waitMs);
    expect(Math.min(...waits)).toBeGreaterThan(300);
    expect(workers.filter((t) => t.exitReason === 'hung').map((t) => t.id)).toEqual(['w0']);
    const why = trace.markers.find((m) => m.taskId === 'w0' && m.kind === 'error' && /killed as hung/.test(m.text ?? ''));
    expect(why?.text).toMatch(/in which it ran \d+ ms on a CPU/);
  });
});
