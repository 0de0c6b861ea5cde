import type { Segment } from '../../src/shared';

/** The live segments as the recorder keeps them: a segment that continues its task's last one is merged into it. */
export function mergeLive(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  const last = new Map<string, Segment>();
  for (const s of segments) {
    const l = last.get(s.taskId);
    if (l && l.state === s.state && l.core === s.core && (l.inferred ?? false) === (s.inferred ?? false) && Math.abs(l.endMs - s.startMs) < 1e-6) {
      l.endMs = s.endMs;
      l.onCpuNs += s.onCpuNs;
      l.waitNs += s.waitNs;
      continue;
    }
    const copy = { ...s };
    out.push(copy);
    last.set(s.taskId, copy);
  }
  return out;
}
