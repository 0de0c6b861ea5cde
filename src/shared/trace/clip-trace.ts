import type { Trace } from './trace-file';

/**
 * The part of a trace inside [fromMs, toMs): segments cut at the edges (their
 * on-CPU and wait ns in proportion), markers, memory samples and annotations
 * inside it. Times keep their origin (the run's start), so a window of an
 * export lines up with the same times in the app. Tasks all stay: a lane
 * exists whether or not its task did something in the window. Pure.
 */
export function clipTrace(trace: Trace, fromMs: number, toMs: number): Trace {
  const inside = (t: number) => t >= fromMs && t < toMs;
  const segments: Trace['segments'] = [];
  for (const s of trace.segments) {
    const a = Math.max(s.startMs, fromMs);
    const b = Math.min(s.endMs, toMs);
    if (b <= a && !(s.startMs === s.endMs && inside(s.startMs))) continue;
    if (a === s.startMs && b === s.endMs) {
      segments.push(s);
      continue;
    }
    const f = s.endMs > s.startMs ? (b - a) / (s.endMs - s.startMs) : 0;
    segments.push({ ...s, startMs: a, endMs: b, onCpuNs: s.onCpuNs * f, waitNs: s.waitNs * f });
  }
  return {
    ...trace,
    segments,
    markers: trace.markers.filter((m) => inside(m.tMs)),
    memory: trace.memory.filter((m) => inside(m.tMs)),
    annotations: trace.annotations.filter((a) => a.endMs >= fromMs && a.startMs < toMs),
  };
}
