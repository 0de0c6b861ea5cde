import { parentPort } from 'node:worker_threads';

/** The same tiny message API whether this rig entry runs as a worker thread or as a forked process. */
export interface RigPort {
  send(message: unknown, transfer?: ArrayBuffer[]): void;
  onMessage(listener: (message: unknown) => void): void;
  close(): void;
}

export function rigPort(): RigPort {
  if (parentPort) {
    const port = parentPort;
    return {
      send: (m, transfer) => port.postMessage(m, transfer ?? []),
      onMessage: (l) => port.on('message', l),
      close: () => port.close(),
    };
  }
  if (process.send) {
    // A forked process: die with the parent (no orphan) and talk over the IPC channel.
    process.on('disconnect', () => process.exit(0));
    return {
      send: (m) => process.send!(m),
      onMessage: (l) => process.on('message', l),
      close: () => process.disconnect(),
    };
  }
  throw new Error('a rig entry must run as a worker thread or a forked process');
}
