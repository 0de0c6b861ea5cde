import type { ChildHandle } from '../engine/hosts/process-host';

/** The part of Electron's UtilityProcess the engine needs (so the wrapper is tested without Electron). */
export interface UtilityChildLike {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  kill(): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
  once(event: 'exit', listener: (code: number) => void): unknown;
}

/**
 * A utility process as the engine's ChildHandle: exit reported once (a
 * utility process gives a code, never a signal name), nothing posted after
 * it, and every listener removable.
 */
export function wrapUtilityChild(child: UtilityChildLike): ChildHandle {
  let exited = false;
  const exitListeners = new Set<(code: number | null, signal: string | null) => void>();
  child.once('exit', (code) => {
    if (exited) return;
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
      const handler = (message: unknown): void => listener(message);
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
}
