import { Worker } from 'node:worker_threads';
import type { KindDefinition, KindDriver, WorkerExit, WorkerHandle } from './kind-driver';
import { listenerSet } from './listener-set';

/** Data a workload thread receives at construction (the phase slot cannot travel in a zod-validated message). */
export interface ThreadWorkerData {
  phaseSlot: { buffer: SharedArrayBuffer; offset: number };
}

/** `thread`: a worker_threads Worker running the thread entry, in the host's own address space. */
export const threadKind: KindDefinition = {
  kind: 'thread',
  availability: async () => ({ available: true, reason: null }),
  create: (context): KindDriver => ({
    kind: 'thread',
    taskKind: 'thread',
    spawn(request): WorkerHandle {
      const workerData: ThreadWorkerData = { phaseSlot: request.phaseSlot };
      // execArgv: [] so a host's loaders (tsx, vitest) are not re-run in every worker: the entry is built JS.
      const worker = new Worker(context.entries.thread, { workerData, name: `corelanes-${request.taskId}`, execArgv: [] });
      const messages = listenerSet<[unknown]>();
      const exits = listenerSet<[WorkerExit]>();
      let error: string | null = null;
      worker.on('message', (m: unknown) => messages.emit(m));
      worker.on('messageerror', () => messages.emit({ type: 'error', message: 'message could not be deserialized', stack: null }));
      worker.on('error', (e: unknown) => {
        error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      });
      worker.once('exit', (code) => exits.emit({ code, signal: null, error }));
      return {
        pid: process.pid,
        phaseSlot: request.phaseSlot,
        post: (message) => worker.postMessage(message),
        kill: () => void worker.terminate(),
        onMessage: messages.add,
        onExit: exits.add,
      };
    },
  }),
};
