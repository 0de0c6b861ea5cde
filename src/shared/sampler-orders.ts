import type { SamplerInit, ToSampler } from './sampler-protocol';
import { SOURCE_CHOICES } from './sampling/source-choices';
import { WORKER_PHASES } from './worker-slot';
import { isNumber, isRecord, oneOf } from './plain-checks';

/**
 * The sampler thread's side of SamplerInitSchema and ToSamplerSchema, without
 * zod: zod was most of the sampler's 856 kB bundle, parsed and built at every
 * run's start. The engine resolves the init with zod (defaults applied) and
 * sends only messages its types allow, and it validates with zod everything
 * the sampler sends (FromSamplerSchema); the thread checks here every field it
 * acts on, by the same rules as the schemas (test/unit/shared/sampler-orders.test.ts
 * compares them on random input).
 */

type Read<T> = { ok: true; value: T } | { ok: false; error: string };

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const inRange = (v: unknown, min: number, max: number): v is number => isNumber(v) && v >= min && v <= max;
const isTaskId = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 64;
const bad = <T>(error: string): Read<T> => ({ ok: false, error });

/** The sampler's workerData, complete (the engine applied SamplerInitSchema's defaults), or why it is rejected. */
export function readSamplerInit(raw: unknown): Read<SamplerInit> {
  if (!isRecord(raw)) return bad('init must be an object');
  const r = raw;
  if (!inRange(r.intervalMs, 0.1, 1000)) return bad('intervalMs must be from 0.1 to 1000');
  if (!isNumber(r.runStartMono)) return bad('runStartMono must be a finite number');
  if (!inRange(r.batchMs, 1, 1000)) return bad('batchMs must be from 1 to 1000');
  if (!inRange(r.memoryMs, 10, 10_000)) return bad('memoryMs must be from 10 to 10000');
  if (!(isInt(r.idleReadEvery) && r.idleReadEvery >= 1 && r.idleReadEvery <= 100)) return bad('idleReadEvery must be a whole number from 1 to 100');
  if (!(r.nice === null || (isInt(r.nice) && r.nice >= -20 && r.nice <= 19))) return bad('nice must be null or a whole number from -20 to 19');
  if (typeof r.forcePortable !== 'boolean') return bad('forcePortable must be true or false');
  if (!oneOf(SOURCE_CHOICES, r.source)) return bad(`source must be one of ${SOURCE_CHOICES.join(', ')}`);
  if (!(r.cpuBudgetPercent === null || inRange(r.cpuBudgetPercent, 0.1, 100))) return bad('cpuBudgetPercent must be null or from 0.1 to 100');
  if (!inRange(r.drainMs, 5, 1000)) return bad('drainMs must be from 5 to 1000');
  if (!(r.denyExact === null || r.denyExact === 'EACCES' || r.denyExact === 'EPERM')) return bad('denyExact must be null, EACCES or EPERM');
  const { intervalMs, runStartMono, batchMs, memoryMs, idleReadEvery, nice, forcePortable, source, cpuBudgetPercent, drainMs, denyExact } = r as SamplerInit;
  return { ok: true, value: { intervalMs, runStartMono, batchMs, memoryMs, idleReadEvery, nice, forcePortable, source, cpuBudgetPercent, drainMs, denyExact } };
}

function readPhaseSlot(v: unknown): Read<{ buffer: SharedArrayBuffer; offset: number } | null> {
  if (v === null || v === undefined) return { ok: true, value: null };
  if (!isRecord(v) || !(v.buffer instanceof SharedArrayBuffer)) return bad('phaseSlot.buffer must be a SharedArrayBuffer');
  if (!(isInt(v.offset) && v.offset >= 0)) return bad('phaseSlot.offset must be a whole number >= 0');
  return { ok: true, value: { buffer: v.buffer, offset: v.offset } };
}

/** One message from the engine, or why it is rejected. */
export function readSamplerOrder(raw: unknown): Read<ToSampler> {
  if (!isRecord(raw)) return bad('a message must be an object');
  switch (raw.type) {
    case 'stop':
      return { ok: true, value: { type: 'stop' } };
    case 'untrack':
      return isTaskId(raw.taskId) ? { ok: true, value: { type: 'untrack', taskId: raw.taskId } } : bad('taskId must be 1 to 64 characters');
    case 'track': {
      if (!isTaskId(raw.taskId)) return bad('taskId must be 1 to 64 characters');
      if (!(isInt(raw.pid) && raw.pid > 0)) return bad('pid must be a whole number > 0');
      if (!(isInt(raw.tid) && raw.tid > 0)) return bad('tid must be a whole number > 0');
      const slot = readPhaseSlot(raw.phaseSlot);
      if (!slot.ok) return slot;
      return { ok: true, value: { type: 'track', taskId: raw.taskId, pid: raw.pid, tid: raw.tid, phaseSlot: slot.value } };
    }
    case 'phase': {
      if (!isTaskId(raw.taskId)) return bad('taskId must be 1 to 64 characters');
      if (!oneOf(WORKER_PHASES, raw.phase)) return bad(`phase must be one of ${WORKER_PHASES.join(', ')}`);
      if (!(raw.core === null || (isInt(raw.core) && raw.core >= -1 && raw.core <= 4095))) return bad('core must be null or a whole number from -1 to 4095');
      if (!isNumber(raw.atMs)) return bad('atMs must be a finite number');
      return { ok: true, value: { type: 'phase', taskId: raw.taskId, phase: raw.phase, core: raw.core, atMs: raw.atMs } };
    }
    default:
      return bad('type must be one of track, untrack, phase, stop');
  }
}
