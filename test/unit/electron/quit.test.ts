import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChildHandle, ProcessLauncher } from '../../../src/main/engine/launchers/process-launcher';
import { QUIT_DEADLINE_MS, quitWithin, type QuitSteps } from '../../../src/main/electron/quit';
import { trackChildren } from '../../../src/main/electron/tracked-launcher';

function steps(cleanup: () => Promise<void>, killed = 0) {
  const log: string[] = [];
  const exits: number[] = [];
  let kills = 0;
  const s: QuitSteps = {
    cleanup,
    killChildren: () => (kills++, killed),
    exit: (code) => exits.push(code),
    log: (line) => log.push(line),
  };
  return { s, log, exits, kills: () => kills };
}

describe('quitting within the deadline', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a clean shutdown exits at once, and still ends any child left', async () => {
    const { s, exits, kills, log } = steps(async () => undefined);
    await expect(quitWithin(s)).resolves.toBe('clean');
    expect(kills()).toBe(1);
    expect(exits).toEqual([0]);
    expect(log).toEqual([]);
  });

  it('a cleanup that hangs (a preset mid-measurement with rigs) is cut at the deadline: children killed, exit 0', async () => {
    const { s, exits, kills, log } = steps(() => new Promise(() => undefined), 3);
    const outcome = quitWithin(s);
    await vi.advanceTimersByTimeAsync(QUIT_DEADLINE_MS - 1);
    expect(exits).toEqual([]);
    expect(kills()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    await expect(outcome).resolves.toBe('deadline');
    expect(kills()).toBe(1);
    expect(exits).toEqual([0]);
    expect(log.join('\n')).toMatch(/did not end within 3 s; ended 3 process/);
  });

  it('a cleanup that fails is logged and the app still exits', async () => {
    const { s, exits, log } = steps(async () => {
      throw new Error('boom');
    });
    await expect(quitWithin(s)).resolves.toBe('clean');
    expect(exits).toEqual([0]);
    expect(log).toEqual(['quit: cleanup failed: boom']);
  });

  it('the deadline is 3 s', () => {
    expect(QUIT_DEADLINE_MS).toBe(3000);
  });
});

class FakeChild implements ChildHandle {
  pid = 7;
  killed = 0;
  private readonly exits = new Set<(code: number | null, signal: string | null) => void>();
  postMessage(): void {}
  onMessage() {
    return () => undefined;
  }
  onExit(listener: (code: number | null, signal: string | null) => void) {
    this.exits.add(listener);
    return () => void this.exits.delete(listener);
  }
  kill(): void {
    this.killed++;
  }
  exit(): void {
    for (const l of [...this.exits]) l(0, null);
  }
}

describe('the tracked process launcher', () => {
  it('knows which children still run and kills exactly those', () => {
    const children: FakeChild[] = [];
    const launcher: ProcessLauncher = { name: 'fake', fork: () => (children.push(new FakeChild()), children.at(-1)!) };
    const tracked = trackChildren(launcher);
    expect(tracked.name).toBe('fake');
    tracked.fork('/a.js', { serviceName: 'a' });
    tracked.fork('/b.js', { serviceName: 'b' });
    expect(tracked.live()).toBe(2);
    children[0]!.exit();
    expect(tracked.live()).toBe(1);
    expect(tracked.killAll()).toBe(1);
    expect(children.map((c) => c.killed)).toEqual([0, 1]);
  });
});
