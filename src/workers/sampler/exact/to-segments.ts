import type { Segment } from '../../../shared';
import type { SwitchSegment } from '../../../node/switch-records';
import { offCpuState } from '../classify';
import type { PhaseHistory } from './phase-history';

/**
 * One switch-record span as trace segments (ms since the run's start; the
 * source's ns are already relative to it), clipped to [fromMs, toMs] and
 * appended to `into` (no array per span: the exact loop turns thousands a
 * second): running with its CPU and all of its time on CPU, runnable with all
 * of it waiting, asleep split where the workload's reported phase changed
 * (io, waiting, gil-wait; else sleep), unknown as unknown. Pure.
 */
export function toSegments(seg: SwitchSegment, taskId: string, phases: PhaseHistory | null, into: Segment[], fromMs = 0, toMs = Infinity): void {
  const startMs = Math.max(fromMs, seg.startNs / 1e6);
  const endMs = Math.min(toMs, seg.endNs / 1e6);
  if (!(endMs > startMs)) return;
  const durNs = (endMs - startMs) * 1e6;
  switch (seg.state) {
    case 'running':
      into.push({ taskId, startMs, endMs, state: 'running', core: seg.cpu, onCpuNs: durNs, waitNs: 0 });
      return;
    case 'runnable':
      into.push({ taskId, startMs, endMs, state: 'runnable', core: null, onCpuNs: 0, waitNs: durNs });
      return;
    case 'unknown':
      into.push({ taskId, startMs, endMs, state: 'unknown', core: null, onCpuNs: 0, waitNs: 0 });
      return;
    case 'asleep': {
      // Most sleeps fall within one reported phase: no pieces to split.
      if (!phases || !phases.changesWithin(startMs, endMs)) {
        into.push({ taskId, startMs, endMs, state: offCpuState('S', phases?.at(startMs) ?? null), core: null, onCpuNs: 0, waitNs: 0 });
        return;
      }
      for (const p of phases.split(startMs, endMs)) into.push({ taskId, startMs: p.startMs, endMs: p.endMs, state: offCpuState('S', p.phase), core: null, onCpuNs: 0, waitNs: 0 });
      return;
    }
  }
}
