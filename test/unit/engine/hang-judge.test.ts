import { describe, expect, it } from 'vitest';
import { judgeSilence, type SilenceFacts } from '../../../src/main/engine/session/hang-judge';

const facts = (over: Partial<SilenceFacts>): SilenceFacts => ({ silentMs: 4000, graceMs: 3000, slackMs: 250, kernel: null, pressure: 1, ...over });

describe('judgeSilence: starved or hung', () => {
  it('within the grace nothing is judged, whatever the kernel says', () => {
    expect(judgeSilence(facts({ silentMs: 2999, kernel: { windowMs: 2999, onCpuMs: 2999, waitMs: 0, idleShare: null, exited: false } }))).toEqual({ hung: false, starved: false });
  });

  it('silent past the grace while it ran: hung, and the reason names the numbers', () => {
    const j = judgeSilence(facts({ kernel: { windowMs: 3900, onCpuMs: 3800, waitMs: 100, idleShare: null, exited: false } }));
    expect(j.hung).toBe(true);
    if (j.hung) expect(j.why).toBe('no sign of life for 4000 ms, in which it ran 3800 ms on a CPU, slept 0 ms and waited 100 ms for a CPU');
  });

  it('silent past the grace while asleep with CPUs free (a deadlock): hung, and the reason says the machine was idle', () => {
    const j = judgeSilence(facts({ kernel: { windowMs: 3900, onCpuMs: 0, waitMs: 0, idleShare: 0.9, exited: false } }));
    expect(j.hung).toBe(true);
    if (j.hung) expect(j.why).toContain('slept 3900 ms (the machine 90% idle)');
  });

  it('asleep while the machine was saturated (waiting on a starved sibling thread, e.g. at exit): not hung', () => {
    expect(judgeSilence(facts({ kernel: { windowMs: 3900, onCpuMs: 50, waitMs: 100, idleShare: 0.02, exited: false } }))).toEqual({ hung: false, starved: true });
  });

  it('silent past the grace but waiting in the run queue most of it: starved, not hung', () => {
    expect(judgeSilence(facts({ silentMs: 9000, kernel: { windowMs: 8900, onCpuMs: 300, waitMs: 8000, idleShare: null, exited: false } }))).toEqual({ hung: false, starved: true });
  });

  it('a starved worker that then gets the CPU and still says nothing is hung once it had a grace of chances', () => {
    expect(judgeSilence(facts({ silentMs: 20_000, kernel: { windowMs: 19_900, onCpuMs: 2900, waitMs: 17_000, idleShare: null, exited: false } })).hung).toBe(true);
  });

  it('the evidence window may start up to one tick after the silence', () => {
    expect(judgeSilence(facts({ silentMs: 3100, kernel: { windowMs: 2800, onCpuMs: 2800, waitMs: 0, idleShare: null, exited: false } })).hung).toBe(true);
    expect(judgeSilence(facts({ silentMs: 3100, kernel: { windowMs: 2700, onCpuMs: 2700, waitMs: 0, idleShare: null, exited: false } })).hung).toBe(false);
  });

  it('a task that has exited (a zombie) is not hung however long it was silent: its exit is on its way', () => {
    expect(judgeSilence(facts({ silentMs: 60_000, kernel: { windowMs: 0, onCpuMs: 0, waitMs: 0, idleShare: null, exited: true } }))).toEqual({ hung: false, starved: false });
  });

  it('where the OS does not say, the grace stretches with the runnable tasks per core', () => {
    expect(judgeSilence(facts({ silentMs: 10_000, pressure: 4 })).hung).toBe(false);
    const j = judgeSilence(facts({ silentMs: 13_000, pressure: 4 }));
    expect(j.hung).toBe(true);
    if (j.hung) expect(j.why).toMatch(/grace 12000 ms at 4\.0 runnable tasks per core; the OS does not say whether it ran/);
    expect(judgeSilence(facts({ silentMs: 3500, pressure: 0.2 })).hung).toBe(true);
  });
});
