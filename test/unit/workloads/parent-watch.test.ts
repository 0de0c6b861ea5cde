import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { expectedParentPid, pidAlive, watchParent } from '../../../src/workers/runtime/parent-watch';
import { until } from '../../support/until';

describe('expectedParentPid', () => {
  it('trusts the pid the host passed over the ppid seen at start (the parent may already be gone)', () => {
    expect(expectedParentPid({ CORELANES_PARENT_PID: '4242' }, 1)).toBe(4242);
  });
  it('falls back to the ppid when the host passed nothing usable', () => {
    expect(expectedParentPid({}, 77)).toBe(77);
    expect(expectedParentPid({ CORELANES_PARENT_PID: 'x' }, 77)).toBe(77);
    expect(expectedParentPid({ CORELANES_PARENT_PID: '-3' }, 77)).toBe(77);
  });
});

/** A real process to stand for the app: alive until we end it. */
async function fakeApp() {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve) => child.once('spawn', () => resolve()));
  return { pid: child.pid!, end: async () => (child.kill('SIGKILL'), await exited) };
}

describe('watchParent', () => {
  it('pidAlive tells a running process from an ended one', async () => {
    const app = await fakeApp();
    expect(pidAlive(process.pid)).toBe(true);
    expect(pidAlive(app.pid)).toBe(true);
    await app.end();
    expect(pidAlive(app.pid)).toBe(false);
  });

  it('without a channel and with a ppid that never changes (a utility process on Windows), the app\'s death is still seen', async () => {
    const app = await fakeApp();
    const gone: string[] = [];
    const stop = watchParent({ parentPid: app.pid, onParentGone: (why) => gone.push(why), ppid: () => 4242, intervalMs: 10 });
    try {
      expect(gone).toEqual([]);
      await app.end();
      expect(await until('the watch to notice', () => gone[0])).toBe(`parent ${app.pid} is gone`);
    } finally {
      stop();
    }
  });

  it('a changed ppid (reparented orphan, POSIX) and a closed channel each count as gone', () => {
    const gone: string[] = [];
    let ppid = 10;
    let close = (): void => undefined;
    const stop = watchParent({
      parentPid: process.pid,
      onParentGone: (why) => gone.push(why),
      ppid: () => ppid,
      channel: { subscribeClose: (cb) => (close = cb), open: () => true },
      intervalMs: 60_000,
    });
    stop();
    expect(gone).toEqual([]);
    close();
    expect(gone).toEqual(['parent channel closed']);
    ppid = 1;
    const stop2 = watchParent({ parentPid: process.pid, onParentGone: (why) => gone.push(why), ppid: () => (ppid++, ppid), intervalMs: 60_000 });
    stop2();
    if (process.platform !== 'win32') expect(gone.at(-1)).toMatch(/^reparented from/);
  });

  it('a channel already closed at start (the app died while the entry loaded) is gone at once', () => {
    const gone: string[] = [];
    watchParent({ parentPid: process.pid, onParentGone: (why) => gone.push(why), channel: { subscribeClose: () => undefined, open: () => false }, intervalMs: 60_000 })();
    expect(gone).toEqual(['parent channel closed before the worker started']);
  });
});
