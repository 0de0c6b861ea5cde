import { Worker } from 'node:worker_threads';
import { basename, dirname, extname, join } from 'node:path';
import type { FromWorker } from '../../../shared';
import { createGilBuffer, gilViews, releaseIfHeldBy, newCursor, readEvents, type GilEvent } from '../../../node/gil';
import type { KindDefinition, KindDriver, WorkerHandle } from './kind-driver';
import { workerThreadHandle } from './worker-thread-handle';

/** workerData of a gil-thread (see src/workers/gil-thread-entry.ts). */
export interface GilThreadWorkerData {
  gil: SharedArrayBuffer;
  gilIndex: number;
  phaseSlot: { buffer: SharedArrayBuffer; offset: number };
}

/** The gil-thread entry sits next to the thread entry, with the same extension. */
export function gilThreadEntryPath(threadEntry: string): string {
  const ext = extname(threadEntry);
  const name = basename(threadEntry, ext).replace(/thread(-entry)?$/, (m) => `gil-${m}`);
  return join(dirname(threadEntry), `${name}${ext}`);
}

/** How often the driver drains the GIL's event ring into hand-over markers. */
const DRAIN_MS = 50;

/**
 * `gil-thread`: worker threads that run their CPU work only while holding the
 * run's simulated GIL. One GIL for the app's process in each run, like one per CPython
 * interpreter. Hand-overs become 'gil-handover' markers (reported as 'marker'
 * messages of the thread that took the lock); waits show as the phase slot's
 * 'gil-wait' phase, which the sampler turns into gil-wait segments.
 */
export const gilThreadKind: KindDefinition = {
  kind: 'gil-thread',
  availability: async () => ({ available: true, reason: null }),
  create: (context): KindDriver => {
    const gil = createGilBuffer(context.params.switchIntervalMs);
    const views = gilViews(gil);
    const cursor = newCursor();
    const byIndex = new Map<number, { taskId: string; emit: (m: FromWorker) => void }>();
    let timer: ReturnType<typeof setInterval> | null = null;

    const drain = (): void => {
      for (const e of readEvents(views, cursor)) deliver(e);
    };
    const deliver = (e: GilEvent): void => {
      if (e.kind !== 'handover') return;
      const to = byIndex.get(e.to);
      const from = byIndex.get(e.from);
      to?.emit({ type: 'marker', kind: 'gil-handover', atMono: e.tMs, peerTaskId: from?.taskId ?? null, text: `GIL ${from?.taskId ?? `#${e.from}`} -> ${to.taskId}` });
    };

    return {
      kind: 'gil-thread',
      taskKind: 'gil-thread',
      spawn(request): WorkerHandle {
        const gilIndex = request.index + 1;
        const workerData: GilThreadWorkerData = { gil, gilIndex, phaseSlot: request.phaseSlot };
        const worker = new Worker(gilThreadEntryPath(context.entries.thread), { workerData, name: `corelanes-${request.taskId}` });
        const { handle, emit } = workerThreadHandle(worker, request.phaseSlot, () => {
          // A thread killed while holding the lock would starve the others forever.
          releaseIfHeldBy(gil, gilIndex);
          drain();
        });
        byIndex.set(gilIndex, { taskId: request.taskId, emit });
        if (!timer) {
          timer = setInterval(drain, DRAIN_MS);
          timer.unref();
        }
        return handle;
      },
      dispose() {
        drain();
        if (timer) clearInterval(timer);
        timer = null;
      },
    };
  },
};
