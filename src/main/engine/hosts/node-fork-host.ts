import { fork } from 'node:child_process';
import type { ChildHandle, ProcessHost } from './process-host';

/**
 * Plain-Node process host: child_process.fork of the process entry. The child
 * runs without the parent's execArgv (no loaders or inspector flags leak in)
 * and its stdout is dropped so `--json` output stays clean; stderr is kept
 * for diagnostics.
 */
export function createNodeForkHost(): ProcessHost {
  return {
    name: 'node-fork',
    fork(entryPath, options): ChildHandle {
      const child = fork(entryPath, [], {
        env: { ...process.env, ...options.env, CORELANES_SERVICE: options.serviceName, CORELANES_PARENT_PID: String(process.pid) },
        execArgv: [],
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      const exitListeners = new Set<(code: number | null, signal: string | null) => void>();
      let exited = false;
      const emitExit = (code: number | null, signal: string | null) => {
        if (exited) return;
        exited = true;
        for (const l of [...exitListeners]) l(code, signal);
      };
      child.once('exit', (code, signal) => emitExit(code, signal));
      // A fork that could not start emits 'error' and never 'exit'.
      child.on('error', () => {
        if (child.pid === undefined || child.exitCode !== null) emitExit(child.exitCode, child.signalCode);
      });
      return {
        get pid() {
          return child.pid;
        },
        postMessage(message) {
          if (!child.connected) return;
          try {
            child.send(message as object, (error) => void error);
          } catch {
            // The channel closed between the check and the send: the exit listener reports it.
          }
        },
        onMessage(listener) {
          child.on('message', listener);
          return () => child.off('message', listener);
        },
        onExit(listener) {
          exitListeners.add(listener);
          return () => exitListeners.delete(listener);
        },
        kill() {
          if (!exited) child.kill('SIGKILL');
        },
      };
    },
  };
}
