import { describe, expect, it } from 'vitest';
import { REPLAY_SPEEDS, ReplayClock, STEP_MS } from '../../../../src/timeline/replay/replay-clock';

describe('ReplayClock', () => {
  it('plays from the start at its speed, by the wall time between ticks, and stops at the end', () => {
    const c = new ReplayClock();
    c.reset(1000);
    expect(c.state.tMs).toBeNull();
    c.setSpeed(4);
    c.play();
    expect(c.state).toMatchObject({ tMs: 0, playing: true });
    c.tick(100); // the first tick only takes the wall time
    c.tick(150);
    expect(c.state.tMs).toBe(200);
    c.tick(500);
    expect(c.state).toMatchObject({ tMs: 1000, playing: false });
    c.play(); // at the end: again from the start
    expect(c.state.tMs).toBe(0);
  });

  it('pauses, seeks within the run, steps one 30 fps frame and leaves the replay', () => {
    const c = new ReplayClock();
    c.reset(1000);
    c.play();
    c.tick(0);
    c.tick(100);
    c.pause();
    c.tick(900);
    expect(c.state).toMatchObject({ tMs: 100, playing: false });
    c.seek(5000);
    expect(c.state.tMs).toBe(1000);
    c.seek(-3);
    expect(c.state.tMs).toBe(0);
    c.step(1);
    c.step(1);
    expect(c.state.tMs).toBeCloseTo(2 * STEP_MS, 9);
    c.step(-1);
    expect(c.state.tMs).toBeCloseTo(STEP_MS, 9);
    c.exit();
    expect(c.state.tMs).toBeNull();
  });

  it('walks the speeds 0.25x to 8x with [ and ], stopping at either end; does nothing for an empty run', () => {
    const c = new ReplayClock();
    c.reset(0);
    c.play();
    expect(c.state.playing).toBe(false);
    for (let i = 0; i < 10; i++) c.changeSpeed(1);
    expect(c.state.speed).toBe(8);
    for (let i = 0; i < 10; i++) c.changeSpeed(-1);
    expect(c.state.speed).toBe(0.25);
    expect(REPLAY_SPEEDS[0]).toBe(0.25);
  });
});
