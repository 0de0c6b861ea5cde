import { Worker } from 'node:worker_threads';
import type { KindDefinition, KindDriver, WorkerHandle } from './kind-driver';
import { workerThreadHandle } from './worker-thread-handle';

/** Data a workload thread receives at construction (the phase slot cannot travel in a zod-validated message). */
export interface ThreadWorkerData {
  phaseSlot: { buffer: SharedArrayBuffer; offset: number };
}

/** `thread`: a worker_threads Worker running the thread entry, in the app's own address space. */
export const threadKind: KindDefinition = {
  kind: 'thread',
  availability: async () => ({ available: true, reason: null }),
  create: (context): KindDriver => ({
    kind: 'thread',
    taskKind: 'thread',
    spawn(request): WorkerHandle {
      const workerData: ThreadWorkerData = { phaseSlot: request.phaseSlot };
      // execArgv: [] so the app's loaders (tsx, vitest) are not re-run in every worker: the entry is built JS.
      const worker = new Worker(context.entries.thread, { workerData, name: `corelanes-${request.taskId}`, execArgv: [] });
      return workerThreadHandle(worker, request.phaseSlot).handle;
    },
  }),
};
