import { utilityProcess } from 'electron';
import type { ProcessLauncher } from '../engine/launchers/process-launcher';
import { wrapUtilityChild } from './utility-handle';

/**
 * The engine's process launcher inside Electron: utilityProcess.fork of the
 * process entry, named by serviceName (it shows in app.getAppMetrics and in
 * child-process-gone). A utility process's parentPort closes when the main
 * process dies, and the entry exits then, so no worker outlives the app. Its
 * stderr is captured like the node-fork launcher's.
 */
export function createUtilityProcessLauncher(): ProcessLauncher {
  return {
    name: 'electron-utility',
    fork(entryPath, options) {
      const child = utilityProcess.fork(entryPath, [], {
        serviceName: options.serviceName,
        env: { ...process.env, ...options.env, CORELANES_SERVICE: options.serviceName },
        // stderr piped: a crash dump becomes the exit detail's excerpt, not terminal noise (see wrapUtilityChild).
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      return wrapUtilityChild(child);
    },
  };
}
