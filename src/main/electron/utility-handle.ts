import type { ChildHandle } from '../engine/launchers/process-launcher';
import { StderrCapture } from '../engine/launchers/stderr-capture';

/** After 'exit', how long to wait for the stderr pipe to end before reporting the exit (as the node-fork launcher does). */
export const STDERR_DRAIN_MS = 250;

/** The part of a piped stdio stream the wrapper reads (NodeJS.ReadableStream fits). */
export interface ReadableLike {
  setEncoding(encoding: 'utf8'): unknown;
  on(event: 'data', listener: (chunk: string) => void): unknown;
  once(event: 'end', listener: () => void): unknown;
}

/** The part of Electron's UtilityProcess the engine needs (so the wrapper is tested without Electron). */
export interface UtilityChildLike {
  readonly pid: number | undefined;
  /** Present when the child was forked with stderr 'pipe'; null otherwise. */
  readonly stderr?: ReadableLike | null;
  postMessage(message: unknown): void;
  kill(): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
  once(event: 'exit', listener: (code: number) => void): unknown;
}

export interface WrapOptions {
  /** Where a child that ended normally has its captured stderr passed on (default: our stderr). */
  passOn?: (text: string) => void;
  /** Timers, injectable for tests. */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/**
 * A utility process as the engine's ChildHandle: exit reported once (a
 * utility process gives a code, never a signal name), nothing posted after
 * it, and every listener removable. A piped stderr is captured like the
 * node-fork launcher's: an abnormal exit keeps an excerpt (stderrExcerpt, for the
 * exit detail) instead of a crash dump on the terminal; what a child that
 * ended with code 0 wrote is passed on.
 */
export function wrapUtilityChild(child: UtilityChildLike, options: WrapOptions = {}): ChildHandle {
  const passOn = options.passOn ?? ((text: string) => void process.stderr.write(text));
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const stderr = child.stderr ? new StderrCapture() : null;
  let stderrEnded = !child.stderr;
  let onStderrEnd: (() => void) | null = null;
  if (child.stderr && stderr) {
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => stderr.add(chunk));
    child.stderr.once('end', () => {
      stderrEnded = true;
      onStderrEnd?.();
    });
  }

  let exited = false;
  const exitListeners = new Set<(code: number | null, signal: string | null) => void>();
  const emitExit = (code: number): void => {
    if (exited) return;
    exited = true;
    if (code === 0 && stderr?.all) passOn(stderr.all);
    for (const listener of [...exitListeners]) listener(code, null);
  };
  child.once('exit', (code) => {
    if (stderrEnded) return emitExit(code);
    // The excerpt is complete once stderr ends; a grandchild holding the pipe must not delay the exit.
    const timer = setTimer(() => emitExit(code), STDERR_DRAIN_MS);
    onStderrEnd = () => {
      clearTimer(timer);
      emitExit(code);
    };
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
    ...(stderr ? { stderrExcerpt: () => stderr.excerpt() } : {}),
  };
}
