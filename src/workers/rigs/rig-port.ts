import { parentPort } from 'node:worker_threads';
import { exitWithParent, utilityParentPort } from '../runtime/process-channel';

/**
 * The same tiny message API whether this rig entry runs as a worker thread, an
 * Electron utility process or a forked process (the two process launchers of
 * src/main/engine/launchers/process-launcher.ts).
 */
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
  const utility = utilityParentPort();
  if (utility) {
    exitWithParent();
    // Structured clone, like a fork with 'advanced' serialization; nothing to transfer across processes.
    return {
      send: (m) => utility.postMessage(m),
      onMessage: (l) => void utility.on('message', (e) => l(e.data)),
      close: () => process.exit(0),
    };
  }
  if (process.send) {
    exitWithParent();
    return {
      send: (m) => process.send!(m),
      onMessage: (l) => process.on('message', l),
      close: () => process.disconnect(),
    };
  }
  throw new Error('a rig entry must run as a worker thread, a utility process or a forked process');
}
