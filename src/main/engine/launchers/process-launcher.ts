/**
 * How the engine starts a separate process running the process entry file.
 * Plain Node passes child_process.fork; the Electron shell passes a wrapper of
 * utilityProcess.fork. The engine never knows which one it has.
 */
export interface ChildHandle {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): () => void;
  /** Called once, with the exit code (null when killed by a signal) and the signal name if any. */
  onExit(listener: (code: number | null, signal: string | null) => void): () => void;
  kill(): void;
  /**
   * A short excerpt of the child's stderr, when the launcher captures it (then it does
   * not reach the terminal while the child runs). Optional: launchers that let stderr through omit it.
   */
  stderrExcerpt?(): string | null;
}

/**
 * Launchers must pass options.env to the child: it carries CORELANES_PARENT_PID (the
 * engine's pid), and the process entry exits when its parent pid differs from
 * it, which catches a parent that died while the child was still loading
 * (before any 'disconnect' or 'close' listener existed).
 */
export interface ProcessLauncher {
  /** Human name of the launcher, e.g. "node-fork" or "electron-utility". */
  readonly name: string;
  fork(entryPath: string, options: { serviceName: string; env?: Record<string, string> }): ChildHandle;
}
