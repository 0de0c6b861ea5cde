import { Worker } from 'node:worker_threads';
import type { Disposer, SamplerStats, SourceRefusal, WorkerPhase } from '../../../shared';
import { decodeSegmentFrame, FromSamplerSchema, SamplerInitSchema, type FromSampler, type SamplerInit, type ToSamplerInput } from '../../../shared';
import { monoMs } from '../../../node/clock';
import type { Sampler, SamplerBatch, SamplerOptions, TrackedTask } from './sampler-api';

const STOP_TIMEOUT_MS = 5000;

interface ReadyInfo {
  tid: number | null;
  used: string;
  refusal: SourceRefusal | null;
}

/** CORELANES_PROC_CPU_BUDGET: "off" (a fixed interval) or % of one core; undefined when unset (the schema's default). */
export function budgetFromEnv(value: string | undefined): number | null | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (value.trim().toLowerCase() === 'off') return null;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0.1 || n > 100) throw new Error(`CORELANES_PROC_CPU_BUDGET must be "off" or a % of one core from 0.1 to 100, got "${value}"`);
  return n;
}

/**
 * What the sampler thread starts with: the options given, the schema's defaults
 * for the rest, validated here with zod (the thread checks it without zod).
 */
function samplerInit(options: SamplerOptions): SamplerInit {
  const budget = options.cpuBudgetPercent !== undefined ? options.cpuBudgetPercent : budgetFromEnv(process.env.CORELANES_PROC_CPU_BUDGET);
  const parsed = SamplerInitSchema.safeParse({
    intervalMs: options.intervalMs,
    runStartMono: options.runStartMono,
    forcePortable: options.forcePortable ?? false,
    source: options.source ?? 'auto',
    ...(options.drainMs !== undefined ? { drainMs: options.drainMs } : {}),
    ...(budget !== undefined ? { cpuBudgetPercent: budget } : {}),
    ...(options.denyExact ? { denyExact: options.denyExact } : {}),
    ...(options.idleReadEvery !== undefined ? { idleReadEvery: options.idleReadEvery } : {}),
    ...(options.nice !== undefined ? { nice: options.nice } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid sampler options: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`);
  }
  return parsed.data;
}

/** One line for a run that asked for exact and cannot have it: why, and what enables it. */
export function exactRefusedMessage(refusal: SourceRefusal | null): string {
  if (!refusal) return 'exact scheduling is not available here; use --source proc or auto';
  return `exact scheduling is not allowed here: ${refusal.message}${refusal.enable ? `; to enable it: ${refusal.enable}` : ''} (or use --source proc or auto)`;
}

/**
 * Starts the sampler worker thread (options.samplerEntry, the built
 * out/cli/workers/sampler.js) and resolves once it reports its own tid.
 * If the thread dies, listeners get an `error` marker and stop() rejects with
 * the reason; nothing waits forever.
 */
export async function createSampler(options: SamplerOptions): Promise<Sampler> {
  const init = samplerInit(options);
  const worker = new Worker(options.samplerEntry, { workerData: init });
  const listeners = new Set<(batch: SamplerBatch) => void>();
  /** One listener's bug must not stop the others or the sampler. */
  const deliver = (batch: SamplerBatch): void => {
    for (const l of [...listeners]) {
      try {
        l(batch);
      } catch (e) {
        console.error(`sampler: a batch listener failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  };
  const relMs = (): number => Math.max(0, monoMs() - options.runStartMono);
  const emitError = (text: string): void => {
    deliver({ segments: [], markers: [{ tMs: relMs(), kind: 'error', taskId: null, text: text.slice(0, 2000) }], memory: [] });
  };

  let stats: SamplerStats | null = null;
  let death: Error | null = null;
  const settled = new Set<{ resolve: (s: SamplerStats) => void; reject: (e: Error) => void }>();
  const settle = (): void => {
    for (const w of settled) {
      if (stats) w.resolve(stats);
      else if (death) w.reject(death);
      else continue;
      settled.delete(w);
    }
  };

  let onReady: ((ready: ReadyInfo) => void) | null = null;
  const ready = new Promise<ReadyInfo>((resolve, reject) => {
    onReady = resolve;
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`sampler thread exited (code ${code}) before it was ready`)));
  });

  worker.on('message', (raw: unknown) => {
    const parsed = FromSamplerSchema.safeParse(raw);
    if (!parsed.success) {
      emitError(`sampler: invalid message from the sampler thread: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return;
    }
    const msg = parsed.data;
    switch (msg.type) {
      case 'ready':
        onReady?.({ tid: msg.tid, used: msg.source, refusal: msg.refusal });
        return;
      case 'batch': {
        const batch = batchOf(msg);
        if ('error' in batch) emitError(batch.error);
        else deliver(batch);
        return;
      }
      case 'stopped':
        stats = msg.stats;
        settle();
        return;
      case 'error':
        emitError(msg.message);
        return;
    }
  });
  worker.on('error', (e: unknown) => {
    death ??= new Error(`sampler thread failed: ${e instanceof Error ? e.message : String(e)}`);
    emitError(death.message);
    settle();
  });
  worker.on('exit', (code) => {
    if (stats) return;
    death ??= new Error(`sampler thread exited (code ${code}) before it was stopped`);
    emitError(death.message);
    settle();
  });

  const { tid, used, refusal } = await ready;
  if (options.source === 'exact' && used !== 'exact') {
    await worker.terminate();
    throw new Error(exactRefusedMessage(refusal));
  }
  let stopping: Promise<SamplerStats> | null = null;
  const send = (m: ToSamplerInput): void => {
    if (!stopping && !death) worker.postMessage(m);
  };

  return {
    tid,
    source: { used, refusal, ...((used === 'proc' || used === 'linux-proc') && init.cpuBudgetPercent !== null ? { cpuBudgetPercent: init.cpuBudgetPercent } : {}) },
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
      stopping ??= new Promise<SamplerStats>((resolve, reject) => {
        const timer = setTimeout(() => {
          death ??= new Error(`sampler thread did not stop within ${STOP_TIMEOUT_MS} ms`);
          void worker.terminate();
          settle();
        }, STOP_TIMEOUT_MS);
        settled.add({
          resolve: (s) => {
            clearTimeout(timer);
            resolve(s);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        if (!death) worker.postMessage({ type: 'stop' } satisfies ToSamplerInput);
        settle();
      });
      return stopping;
    },
  };
}

/** A batch message as the engine takes it: its segment frame decoded, every value checked. */
function batchOf(msg: Extract<FromSampler, { type: 'batch' }>): SamplerBatch | { error: string } {
  const frame = decodeSegmentFrame(msg.segmentFrame);
  if (!frame.ok) return { error: `sampler: invalid segments from the sampler thread: ${frame.error}` };
  return { segments: frame.value.segments, markers: msg.markers, memory: msg.memory, ...(msg.born.length ? { born: msg.born } : {}), ...(msg.stats ? { stats: msg.stats } : {}) };
}
