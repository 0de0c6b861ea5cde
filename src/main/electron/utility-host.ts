import { utilityProcess } from 'electron';
import type { ChildHandle, ProcessHost } from '../engine/hosts/process-host';

/**
 * The engine's process host inside Electron: utilityProcess.fork of the
 * process entry, named by serviceName (it shows in app.getAppMetrics and in
 * child-process-gone). A utility process's parentPort closes when the main
 * process dies, and the entry exits then, so no worker outlives the app.
 */
export function createUtilityProcessHost(): ProcessHost {
  return {
    name: 'electron-utility',
    fork(entryPath, options): ChildHandle {
      const child = utilityProcess.fork(entryPath, [], {
        serviceName: options.serviceName,
        env: { ...process.env, ...options.env, CORELANES_SERVICE: options.serviceName },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      let exited = false;
      const exitListeners = new Set<(code: number | null, signal: string | null) => void>();
      child.once('exit', (code) => {
        exited = true;
        for (const listener of [...exitListeners]) listener(code, null);
      });
      return {
        get pid() {
          return child.pid;
        },
        postMessage(message) {
          if (exited) return;
          try {
            child.postMessage(message);
          } catch {
            // Gone between the check and the send: the exit listener reports it.
          }
        },
        onMessage(listener) {
          const handler = (message: unknown) => listener(message);
          child.on('message', handler);
          return () => void child.off('message', handler);
        },
        onExit(listener) {
          exitListeners.add(listener);
          return () => void exitListeners.delete(listener);
        },
        kill() {
          if (!exited) child.kill();
        },
      };
    },
  };
}
