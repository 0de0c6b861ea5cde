import { commOfLabel, EXEC_MARKER_PREFIX, findWrappers, type ChainTask, type Marker, type Task } from '../shared';
import type { TimelineModel } from './model';

export { commOfLabel } from '../shared';

/** Task ids of processes that exec'd another program, with the time of the last exec (the tracer's `exec <comm>` phase markers). */
export function lastExecs(markers: readonly Marker[], into: Map<string, number> = new Map()): Map<string, number> {
  for (const m of markers) {
    if (m.kind !== 'phase' || m.taskId === null || !m.text?.startsWith(EXEC_MARKER_PREFIX)) continue;
    into.set(m.taskId, Math.max(into.get(m.taskId) ?? -Infinity, m.tMs));
  }
  return into;
}

function chainTask(t: Task): ChainTask {
  return {
    id: t.id,
    pid: t.pid,
    tid: t.tid,
    comm: commOfLabel(t.label),
    python: t.kind === 'python-process' || t.kind === 'python-thread',
    parentId: t.parentId,
    startMs: t.bornMs ?? t.requestedMs,
    exitMs: t.exitMs,
  };
}

/** Wrapper processes of the model's run (task index -> the index of the program it ran), from its lanes' on-CPU time. */
export function wrapperFoldOf(model: TimelineModel, execs: ReadonlyMap<string, number>): Map<number, number> {
  // Only a traced program's own processes can be wrappers: Corelanes' workers start themselves.
  const traced = model.tasks.filter((t) => /^[pt]\d+$/.test(t.id));
  if (execs.size === 0 && traced.length < 2) return new Map();
  const found = findWrappers({
    tasks: traced.map(chainTask),
    lastExecMs: execs,
    endMs: model.endMs,
    cpuMs(id, from, to) {
      const lane = model.taskLanes[model.indexOfTask(id)];
      if (!lane) return 0;
      let ms = 0;
      for (let i = 0; i < lane.length; i++) {
        const a = Math.max(from, lane.start[i] as number);
        const b = Math.min(to, lane.end[i] as number);
        if (b <= a) continue;
        const seg = model.segments.get(lane.segment[i] as number);
        ms += seg.end > seg.start ? (seg.onCpuMs * (b - a)) / (seg.end - seg.start) : 0;
      }
      return ms;
    },
  });
  const out = new Map<number, number>();
  for (const [w, p] of found) out.set(model.indexOfTask(w), model.indexOfTask(p));
  return out;
}
