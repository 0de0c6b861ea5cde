import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { realEngine } from '../../support/engine';
import { CLI_BUNDLE, ROOT } from '../../support/entries';
import { childrenOf, isAlive, waitAllGone } from '../../support/proc';

// No process of a run may outlive it: after a run, after stop, and after the
// CLI itself is killed (SIGTERM: it stops cleanly; SIGKILL: the children see
// their channel close, or their parent pid change, and exit).

let cli: ChildProcess | null = null;
afterEach(() => {
  if (cli?.exitCode === null && cli.signalCode === null) cli.kill('SIGKILL');
  cli = null;
});

async function waitFor<T>(get: () => T | null, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v !== null) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function startCli(): { child: ChildProcess; exited: Promise<{ code: number | null; signal: string | null }> } {
  const child = spawn(process.execPath, [CLI_BUNDLE, 'run', '--kind', 'process', '--workers', '3', '--workload', 'mixed', '--duration', '60'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.resume();
  child.stderr?.resume();
  const exited = new Promise<{ code: number | null; signal: string | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  return { child, exited };
}

describe('no orphans', () => {
  it('after a run that ends by itself, and after stop, every worker process is gone', async () => {
    const engine = realEngine();
    try {
      const ended = await engine.startRun({ kind: 'process', workers: 2, workload: 'io', durationS: 0.5 });
      const trace = await ended.done;
      const pids = trace.tasks.filter((t) => t.kind === 'process').map((t) => t.pid!);
      expect(pids).toHaveLength(2);
      expect(await waitAllGone(pids, 3000)).toEqual([]);

      const stopped = await engine.startRun({ kind: 'process', workers: 2, workload: 'cpu', durationS: 60 });
      await new Promise((r) => setTimeout(r, 500));
      const live = childrenOf(process.pid);
      const stoppedTrace = await stopped.stop();
      const stoppedPids = stoppedTrace.tasks.filter((t) => t.kind === 'process').map((t) => t.pid!);
      expect(stoppedPids.every((p) => live.includes(p))).toBe(true);
      expect(await waitAllGone(stoppedPids, 3000)).toEqual([]);
    } finally {
      await engine.dispose();
    }
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('the CLI killed with %s stops its run cleanly: children gone, summary printed', async (signal) => {
    const { child, exited } = startCli();
    cli = child;
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    const workers = await waitFor(() => {
      const c = childrenOf(child.pid!);
      return c.length === 3 ? c : null;
    });
    await new Promise((r) => setTimeout(r, 300));
    child.kill(signal);
    const { code } = await exited;
    expect(code).toBe(signal === 'SIGTERM' ? 143 : 130);
    expect(out).toContain('parallelism');
    expect(out).toContain(`stopped by ${signal}`);
    expect(await waitAllGone(workers, 3000)).toEqual([]);
  });

  it.each([
    ['while its workers start', 0],
    ['in the middle of the run', 800],
  ])('the CLI killed with SIGKILL %s: its children notice the dead parent and exit', async (_when, delayMs) => {
    const { child, exited } = startCli();
    cli = child;
    const workers = await waitFor(() => {
      const c = childrenOf(child.pid!);
      return c.length === 3 ? c : null;
    });
    await new Promise((r) => setTimeout(r, delayMs));
    child.kill('SIGKILL');
    expect((await exited).signal).toBe('SIGKILL');
    expect(await waitAllGone(workers, 3000)).toEqual([]);
  });
});

describe('no orphans of a utility process (its parentPort emits only message: no close event, no channel)', () => {
  it.each(['process.js', 'rigs/echo.js', 'rigs/task-worker.js'])('the built %s exits when the app that started it is killed', async (entry) => {
    const parent = spawn(process.execPath, [`${ROOT}/test/fixtures/electron/utility-parent.mjs`, `${ROOT}/out/cli/workers/${entry}`], { stdio: ['ignore', 'pipe', 'inherit'] });
    cli = parent;
    const childPid = await new Promise<number>((resolve) => parent.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
    // It is up and waiting for the app, with nobody talking to it.
    await new Promise((r) => setTimeout(r, 500));
    expect(isAlive(childPid)).toBe(true);
    parent.kill('SIGKILL');
    expect(await waitAllGone([childPid], 3000)).toEqual([]);
  });
});
