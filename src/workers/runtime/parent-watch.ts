/**
 * A worker or rig process must never outlive the app. Three signs that the
 * app is gone, checked together because no single one works everywhere:
 *
 * - its channel closed: a fork's 'disconnect'. An Electron utility process has
 *   no such event: its `process.parentPort` emits only 'message'
 *   (https://www.electronjs.org/docs/latest/api/parent-port);
 * - the app's pid no longer runs: `process.kill(pid, 0)` is an existence test
 *   on Linux, macOS and Windows (libuv checks the exit code there), so this is
 *   the sign that works for utility processes on every OS;
 * - (POSIX) the ppid changed since start: the orphan was reparented. This also
 *   catches a parent that exited but is not reaped yet (a zombie still
 *   answers kill 0). On Windows the ppid never changes.
 *
 * The launcher passes the app's pid in CORELANES_PARENT_PID, because a parent that
 * dies while the child is still loading is gone before any listener exists:
 * by then the 'disconnect' event has fired and process.ppid already names the
 * reaper.
 */
export const PARENT_POLL_MS = 250;

export function expectedParentPid(env: Record<string, string | undefined>, ppidNow: number): number {
  const fromHost = Number(env.CORELANES_PARENT_PID);
  return Number.isInteger(fromHost) && fromHost > 0 ? fromHost : ppidNow;
}

/** Whether a process with this pid exists (EPERM: it exists, owned by someone else). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface ParentWatchOptions {
  /** The app's pid (expectedParentPid). */
  parentPid: number;
  onParentGone(why: string): void;
  /** A channel whose close means the parent is gone (a fork's 'disconnect'); absent for a utility process. */
  channel?: { subscribeClose(cb: () => void): void; open(): boolean };
  /** Injectable for tests; default process.ppid and pidAlive. */
  ppid?: () => number;
  isAlive?: (pid: number) => boolean;
  intervalMs?: number;
  /**
   * Keep the process alive while the parent lives. A utility process has no
   * channel holding its event loop, and whether it ends once its script's
   * work is done differs between dev and packaged builds
   * (electron/electron#42978, #47228): the watch timer holds it explicitly.
   */
  keepAlive?: boolean;
}

/** Starts watching; returns a stop function. onParentGone may be called more than once (the caller exits). */
export function watchParent(options: ParentWatchOptions): () => void {
  const ppid = options.ppid ?? (() => process.ppid);
  const isAlive = options.isAlive ?? pidAlive;
  const ppidAtStart = ppid();
  const check = (): void => {
    if (!isAlive(options.parentPid)) options.onParentGone(`parent ${options.parentPid} is gone`);
    else if (process.platform !== 'win32' && ppid() !== ppidAtStart) options.onParentGone(`reparented from ${ppidAtStart} to ${ppid()}`);
  };
  if (options.channel) {
    options.channel.subscribeClose(() => options.onParentGone('parent channel closed'));
    if (!options.channel.open()) options.onParentGone('parent channel closed before the worker started');
  }
  check();
  const timer = setInterval(check, options.intervalMs ?? PARENT_POLL_MS);
  if (!options.keepAlive) timer.unref();
  return () => clearInterval(timer);
}
