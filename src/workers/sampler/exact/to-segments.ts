import type { Segment } from '../../../shared';
import type { SwitchSegment } from '../../../node/switch-records';
import { offCpuState } from '../classify';
import type { PhaseHistory } from './phase-history';

/**
 * One switch-record span as trace segments (ms since the run's start; the
 * source's ns are already relative to it), clipped to [fromMs, toMs]:
 * running with its CPU and all of its time on CPU, runnable with all of it
 * waiting, asleep split where the workload's reported phase changed (io,
 * waiting, gil-wait; else sleep), unknown as unknown. Pure.
 */
export function toSegments(seg: SwitchSegment, taskId: string, phases: PhaseHistory | null, fromMs = 0, toMs = Infinity): Segment[] {
  const startMs = Math.max(fromMs, seg.startNs / 1e6);
  const endMs = Math.min(toMs, seg.endNs / 1e6);
  if (!(endMs > startMs)) return [];
  const durNs = (endMs - startMs) * 1e6;
  switch (seg.state) {
    case 'running':
      return [{ taskId, startMs, endMs, state: 'running', core: seg.cpu, onCpuNs: durNs, waitNs: 0 }];
    case 'runnable':
      return [{ taskId, startMs, endMs, state: 'runnable', core: null, onCpuNs: 0, waitNs: durNs }];
    case 'unknown':
      return [{ taskId, startMs, endMs, state: 'unknown', core: null, onCpuNs: 0, waitNs: 0 }];
    case 'asleep': {
      const pieces = phases ? phases.split(startMs, endMs) : [{ startMs, endMs, phase: null }];
      return pieces.map((p) => ({ taskId, startMs: p.startMs, endMs: p.endMs, state: offCpuState('S', p.phase), core: null, onCpuNs: 0, waitNs: 0 }));
    }
  }
}
