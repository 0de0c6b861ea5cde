import { chainTaskOf, findWrappers, lastExecTimes } from '../shared';
import type { TimelineModel } from './model';

export { commOfLabel } from '../shared';

/** Task ids of processes that exec'd another program, with the time of the last exec. */
export const lastExecs = lastExecTimes;

/** Wrapper processes of the model's run (task index -> the index of the program it ran), from its lanes' on-CPU time. */
export function wrapperFoldOf(model: TimelineModel, execs: ReadonlyMap<string, number>): Map<number, number> {
  // Only a traced program's own processes can be wrappers: Corelanes' workers start themselves.
  const traced = model.tasks.filter((t) => /^[pt]\d+$/.test(t.id));
  if (execs.size === 0 && traced.length < 2) return new Map();
  const found = findWrappers({
    tasks: traced.map(chainTaskOf),
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
