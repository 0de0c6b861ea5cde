/**
 * A workload process must never outlive the app: it exits when its parent's
 * channel closes (fork 'disconnect', Electron parentPort 'close') and, as a
 * backstop for anything that slips past, when its parent pid is not the one
 * that spawned it. The launcher passes the app's pid in CORELANES_PARENT_PID because a
 * parent that dies while the child is still loading its modules is gone
 * before any listener exists: by then the 'disconnect' event has fired and
 * process.ppid already names the reaper.
 */
export const PARENT_POLL_MS = 250;

export function expectedParentPid(env: Record<string, string | undefined>, ppidNow: number): number {
  const fromHost = Number(env.CORELANES_PARENT_PID);
  return Number.isInteger(fromHost) && fromHost > 0 ? fromHost : ppidNow;
}

export function watchParent(
  onParentGone: (why: string) => void,
  subscribeClose: (cb: () => void) => void,
  channelOpen: () => boolean,
  /** The parent pid to expect; defaults to process.ppid now. */
  ppid: number = process.ppid,
): () => void {
  const check = () => {
    if (process.ppid !== ppid) onParentGone(`parent ${ppid} is gone`);
  };
  subscribeClose(() => onParentGone('parent channel closed'));
  if (!channelOpen()) onParentGone('parent channel closed before the worker started');
  check();
  const timer = setInterval(check, PARENT_POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
