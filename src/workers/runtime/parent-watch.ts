/**
 * A workload process must never outlive the app: it exits when its parent's
 * channel closes (fork 'disconnect', Electron parentPort 'close') and, as a
 * backstop for anything that slips past, when its parent pid changes.
 */
export const PARENT_POLL_MS = 250;

export function watchParent(onParentGone: (why: string) => void, subscribeClose: (cb: () => void) => void): () => void {
  const ppid = process.ppid;
  subscribeClose(() => onParentGone('parent channel closed'));
  const timer = setInterval(() => {
    if (process.ppid !== ppid) onParentGone(`parent ${ppid} is gone`);
  }, PARENT_POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
