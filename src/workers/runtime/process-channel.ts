import { expectedParentPid, watchParent } from './parent-watch';

/**
 * Electron's utility-process port, typed here because workers may not import
 * electron. It emits only 'message', whose event carries the message in
 * `data` (https://www.electronjs.org/docs/latest/api/parent-port).
 */
export interface UtilityParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

/** The port when this process runs as an Electron utility process, else null (a fork, or a thread). */
export function utilityParentPort(): UtilityParentPort | null {
  return (process as unknown as { parentPort?: UtilityParentPort }).parentPort ?? null;
}

/**
 * Exits this process as soon as the app that started it is gone, whichever
 * launcher started it (utilityProcess.fork or child_process.fork; see parent-watch.ts).
 */
export function exitWithParent(): () => void {
  const port = utilityParentPort();
  return watchParent({
    parentPid: expectedParentPid(process.env, process.ppid),
    onParentGone: () => process.exit(0),
    channel: port ? undefined : { subscribeClose: (cb) => process.on('disconnect', cb), open: () => process.connected },
    // A fork's IPC channel holds its event loop; a utility process is held by the watch itself.
    keepAlive: port !== null,
  });
}
