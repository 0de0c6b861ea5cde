import { afterEach, describe, expect, it, vi } from 'vitest';
import { Store } from '../../../src/renderer/app/store';

afterEach(() => vi.useRealTimers());

describe('Store', () => {
  it('tells its listeners at most once per throttle period, urgent updates at once', () => {
    vi.useFakeTimers();
    const store = new Store({ n: 0 }, 400);
    let heard = 0;
    store.subscribe(() => heard++);
    for (let i = 1; i <= 10; i++) store.update(() => ({ n: i }));
    vi.advanceTimersByTime(0);
    expect(heard).toBe(1);
    store.update(() => ({ n: 11 }));
    vi.advanceTimersByTime(100);
    expect(heard).toBe(1);
    store.update(() => ({ n: 12 }), true);
    vi.advanceTimersByTime(0);
    expect(heard).toBe(2);
    expect(store.get()).toEqual({ n: 12 });
  });

  it('while paused (a hidden page) keeps the state but tells nobody, then tells once on resume', () => {
    vi.useFakeTimers();
    const store = new Store({ n: 0 }, 400);
    let heard = 0;
    store.subscribe(() => heard++);
    store.update(() => ({ n: 1 }));
    store.setPaused(true); // the notification already scheduled is held too
    for (let i = 2; i <= 50; i++) store.update(() => ({ n: i }), i % 10 === 0);
    vi.advanceTimersByTime(10_000);
    expect(heard).toBe(0);
    expect(store.get()).toEqual({ n: 50 });
    store.setPaused(false);
    vi.advanceTimersByTime(0);
    expect(heard).toBe(1);
    store.setPaused(true);
    store.setPaused(false); // nothing changed meanwhile: nothing to tell
    vi.advanceTimersByTime(1000);
    expect(heard).toBe(1);
  });
});
