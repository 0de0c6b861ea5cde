import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { ForkOptions, UtilityProcess } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The shell's wiring of utilityProcess.fork, against a stand-in typed by
// Electron's own ForkOptions and UtilityProcess (the binary cannot run here).

const forks: { modulePath: string; args: string[] | undefined; options: ForkOptions | undefined; child: UtilityProcess }[] = [];
vi.mock('electron', () => ({
  utilityProcess: {
    fork(modulePath: string, args?: string[], options?: ForkOptions): UtilityProcess {
      const child = Object.assign(new EventEmitter(), { pid: 4321, stderr: new PassThrough(), stdout: null, postMessage: vi.fn(), kill: vi.fn(() => true) });
      forks.push({ modulePath, args, options, child: child as unknown as UtilityProcess });
      return child as unknown as UtilityProcess;
    },
  },
}));
const { createUtilityProcessLauncher } = await import('../../../src/main/electron/utility-launcher');

describe('the utility-process launcher', () => {
  beforeEach(() => void (forks.length = 0));

  it('forks the entry as a named utility process that knows the app\'s pid, with stderr piped', () => {
    const launcher = createUtilityProcessLauncher();
    const child = launcher.fork('/app.asar.unpacked/out/cli/workers/rigs/echo.js', { serviceName: 'corelanes-rig-echo', env: { CORELANES_TASK_ID: 'w0' } });
    expect(forks).toHaveLength(1);
    const { modulePath, options } = forks[0]!;
    expect(modulePath).toBe('/app.asar.unpacked/out/cli/workers/rigs/echo.js');
    expect(options).toMatchObject({ serviceName: 'corelanes-rig-echo', stdio: ['ignore', 'ignore', 'pipe'] });
    // The entry's only way to notice the app is gone (parentPort has no 'close'): CORELANES_PARENT_PID.
    expect(options!.env).toMatchObject({ CORELANES_PARENT_PID: String(process.pid), CORELANES_TASK_ID: 'w0', CORELANES_SERVICE: 'corelanes-rig-echo' });
    expect(child.pid).toBe(4321);
    child.postMessage({ seq: 1, payload: new Uint8Array(4) });
    expect(forks[0]!.child.postMessage).toHaveBeenCalledWith({ seq: 1, payload: new Uint8Array(4) });
    const exits: unknown[] = [];
    child.onExit((code, signal) => exits.push([code, signal]));
    (forks[0]!.child as unknown as EventEmitter).emit('exit', 134);
    return vi.waitFor(() => expect(exits).toEqual([[134, null]]));
  });
});
