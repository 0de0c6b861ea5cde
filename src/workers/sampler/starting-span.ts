import type { Segment } from '../../shared';

/**
 * The /proc sampler sees a task first at its first read, often well after its
 * birth: its counters already hold its start-up (loading, compiling). Those
 * are drawn from its birth, so its creation cost shows: queued for waitNs,
 * then running for onCpuNs (core unknown: the counters do not say where),
 * ending at the first read; what is left before is unknown (asleep or
 * blocked, the counters cannot tell). Never more running than the kernel
 * counted. Pure.
 */
export function startingSpan(taskId: string, bornMs: number, firstReadMs: number, onCpuNs: number, waitNs: number): Segment[] {
  const onMs = onCpuNs / 1e6;
  const waitMs = waitNs / 1e6;
  // Birth is known to 10 ms: when the counters hold more than the span, the span starts earlier.
  const startMs = Math.max(0, Math.min(bornMs, firstReadMs - onMs - waitMs));
  const runFrom = Math.max(startMs, firstReadMs - onMs);
  const waitFrom = Math.max(startMs, runFrom - waitMs);
  const out: Segment[] = [];
  if (waitFrom > startMs) out.push({ taskId, startMs, endMs: waitFrom, state: 'unknown', core: null, onCpuNs: 0, waitNs: 0 });
  if (runFrom > waitFrom) out.push({ taskId, startMs: waitFrom, endMs: runFrom, state: 'runnable', core: null, onCpuNs: 0, waitNs });
  if (firstReadMs > runFrom) out.push({ taskId, startMs: runFrom, endMs: firstReadMs, state: 'running', core: null, onCpuNs, waitNs: 0 });
  return out;
}
