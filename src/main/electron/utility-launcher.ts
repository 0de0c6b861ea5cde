import { utilityProcess } from 'electron';
import type { ProcessLauncher } from '../engine/launchers/process-launcher';
import { wrapUtilityChild } from './utility-handle';

/**
 * The engine's process launcher inside Electron: utilityProcess.fork, for the
 * workload processes and the rig processes alike. child_process.fork cannot
 * be used here: it relies on ELECTRON_RUN_AS_NODE, which the packaged app's
 * runAsNode fuse turns off (https://www.electronjs.org/docs/latest/tutorial/fuses#runasnode).
 * A child is named by serviceName (it shows in app.getAppMetrics and in
 * child-process-gone). It exits when this process is gone: the entry checks
 * the pid in CORELANES_PARENT_PID (src/workers/runtime/parent-watch.ts),
 * because a utility process's parentPort has no 'close' event. Its stderr is
 * captured like the node-fork launcher's.
 */
export function createUtilityProcessLauncher(): ProcessLauncher {
  return {
    name: 'electron-utility',
    fork(entryPath, options) {
      const child = utilityProcess.fork(entryPath, [], {
        serviceName: options.serviceName,
        env: { ...process.env, ...options.env, CORELANES_SERVICE: options.serviceName, CORELANES_PARENT_PID: String(process.pid) },
        // stderr piped: a crash dump becomes the exit detail's excerpt, not terminal noise (see wrapUtilityChild).
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      return wrapUtilityChild(child);
    },
  };
}
