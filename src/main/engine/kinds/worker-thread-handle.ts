import type { Worker } from 'node:worker_threads';
import type { WorkerExit, WorkerHandle } from './kind-driver';
import { listenerSet } from './listener-set';

/**
 * Wraps a worker_threads Worker (thread and gil-thread kinds) as a WorkerHandle.
 * `beforeExit` runs before exit listeners hear of the exit; `emit` lets the
 * driver deliver messages of its own as if the worker had sent them.
 */
export function workerThreadHandle(
  worker: Worker,
  phaseSlot: { buffer: SharedArrayBuffer; offset: number },
  beforeExit?: () => void,
): { handle: WorkerHandle; emit: (message: unknown) => void } {
  const messages = listenerSet<[unknown]>();
  const exits = listenerSet<[WorkerExit]>();
  let error: string | null = null;
  worker.on('message', (m: unknown) => messages.emit(m));
  worker.on('messageerror', () => messages.emit({ type: 'error', message: 'message could not be deserialized', stack: null }));
  worker.on('error', (e: unknown) => {
    error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  });
  worker.once('exit', (code) => {
    beforeExit?.();
    exits.emit({ code, signal: null, error });
  });
  return {
    handle: {
      pid: process.pid,
      phaseSlot,
      post: (message) => worker.postMessage(message),
      kill: () => void worker.terminate(),
      onMessage: messages.add,
      onExit: exits.add,
    },
    emit: (message) => messages.emit(message),
  };
}
