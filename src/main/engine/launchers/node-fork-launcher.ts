import { fork } from 'node:child_process';
import type { ChildHandle, ProcessLauncher } from './process-launcher';
import { StderrCapture } from './stderr-capture';

/** After 'exit', how long to wait for the stderr pipe to drain ('close') before reporting the exit. */
const STDERR_DRAIN_MS = 250;

/**
 * Plain-Node process launcher: child_process.fork of the process entry. The child
 * runs without the parent's execArgv (no loaders or inspector flags leak in)
 * and its stdout is dropped so `--json` output stays clean. Its stderr is
 * captured: an abnormal exit keeps an excerpt (stderrExcerpt, for the exit
 * detail) instead of dumping a crash trace on the terminal; what a child that
 * ends normally wrote is passed on to our stderr then.
 */
export function createNodeForkLauncher(): ProcessLauncher {
  return {
    name: 'node-fork',
    fork(entryPath, options): ChildHandle {
      const child = fork(entryPath, [], {
        env: { ...process.env, ...options.env, CORELANES_SERVICE: options.serviceName, CORELANES_PARENT_PID: String(process.pid) },
        execArgv: [],
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      const stderr = new StderrCapture();
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (chunk: string) => stderr.add(chunk));
      const exitListeners = new Set<(code: number | null, signal: string | null) => void>();
      let exited = false;
      const emitExit = (code: number | null, signal: string | null) => {
        if (exited) return;
        exited = true;
        if (code === 0 && signal === null && stderr.all) process.stderr.write(stderr.all);
        for (const l of [...exitListeners]) l(code, signal);
      };
      // 'close' comes once stderr is drained, so the excerpt is complete; a grandchild holding the pipe must not delay the exit.
      child.once('exit', (code, signal) => {
        const timer = setTimeout(() => emitExit(code, signal), STDERR_DRAIN_MS);
        child.once('close', () => {
          clearTimeout(timer);
          emitExit(code, signal);
        });
      });
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
        stderrExcerpt: () => stderr.excerpt(),
      };
    },
  };
}
