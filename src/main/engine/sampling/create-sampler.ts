import { Worker } from 'node:worker_threads';
import type { Disposer, SamplerStats, WorkerPhase } from '../../../shared';
import { FromSamplerSchema, type SamplerInitInput, type ToSamplerInput } from '../../../shared';
import type { Sampler, SamplerBatch, SamplerOptions, TrackedTask } from './sampler-api';

const STOP_TIMEOUT_MS = 5000;

/**
 * Starts the sampler worker thread (options.samplerEntry, the built
 * out/cli/workers/sampler.js) and resolves once it reports its own tid.
 */
export async function createSampler(options: SamplerOptions): Promise<Sampler> {
  const init: SamplerInitInput = {
    intervalMs: options.intervalMs,
    runStartMono: options.runStartMono,
    forcePortable: options.forcePortable ?? false,
    ...(options.idleReadEvery !== undefined ? { idleReadEvery: options.idleReadEvery } : {}),
    ...(options.nice !== undefined ? { nice: options.nice } : {}),
  };
  const worker = new Worker(options.samplerEntry, { workerData: init });
  const listeners = new Set<(batch: SamplerBatch) => void>();
  let stopped: ((stats: SamplerStats) => void) | null = null;
  let failed: ((e: Error) => void) | null = null;
  let finalStats: Promise<SamplerStats> | null = null;

  const ready = new Promise<{ tid: number | null }>((resolve, reject) => {
    failed = reject;
    worker.on('message', (raw: unknown) => {
      const parsed = FromSamplerSchema.safeParse(raw);
      if (!parsed.success) {
        console.error(`sampler: invalid message from the sampler thread: ${parsed.error.issues[0]?.message}`);
        return;
      }
      const msg = parsed.data;
      switch (msg.type) {
        case 'ready':
          resolve({ tid: msg.tid });
          return;
        case 'batch':
          for (const l of [...listeners]) l({ segments: msg.segments, markers: msg.markers, memory: msg.memory });
          return;
        case 'stopped':
          stopped?.(msg.stats);
          return;
        case 'error':
          for (const l of [...listeners])
            l({ segments: [], markers: [{ tMs: 0, kind: 'error', taskId: null, text: msg.message }], memory: [] });
          return;
      }
    });
  });
  worker.on('error', (e) => failed?.(e instanceof Error ? e : new Error(String(e))));
  worker.on('exit', (code) => failed?.(new Error(`sampler thread exited (code ${code}) before it was stopped`)));
  const { tid } = await ready;

  const send = (m: ToSamplerInput): void => {
    if (!finalStats) worker.postMessage(m);
  };

  return {
    tid,
    track(task: TrackedTask): void {
      send({ type: 'track', taskId: task.taskId, pid: task.pid, tid: task.tid, phaseSlot: task.phaseSlot ?? null });
    },
    untrack(taskId: string): void {
      send({ type: 'untrack', taskId });
    },
    reportPhase(taskId: string, phase: WorkerPhase, core: number | null, atMs: number): void {
      send({ type: 'phase', taskId, phase, core, atMs });
    },
    onBatch(listener): Disposer {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop(): Promise<SamplerStats> {
      finalStats ??= new Promise<SamplerStats>((resolve, reject) => {
        const timer = setTimeout(() => {
          void worker.terminate();
          reject(new Error(`sampler thread did not stop within ${STOP_TIMEOUT_MS} ms`));
        }, STOP_TIMEOUT_MS);
        stopped = (stats) => {
          clearTimeout(timer);
          resolve(stats);
        };
        failed = (e) => {
          clearTimeout(timer);
          reject(e);
        };
        worker.once('exit', () => {
          clearTimeout(timer);
          // 'stopped' arrives before the thread ends; nothing more to wait for.
        });
        worker.postMessage({ type: 'stop' } satisfies ToSamplerInput);
      });
      return finalStats;
    },
  };
}
