import type { Disposer } from '../../../shared';
import { monoMs } from '../../../node/clock';
import type { WorkerHandle } from '../kinds/kind-driver';
import { appTask } from './app-task';
import type { SessionState } from './session-state';
import { endExtraTask } from './worker-exits';
import type { WorkerRecord } from './worker-record';

/** Follows the extra OS tasks a worker brings (a Python process's threads) as tasks `w<n>.<key>` of the run. */
export function followExtraTasks(s: SessionState, w: WorkerRecord, handle: WorkerHandle): Disposer | null {
  if (!handle.onExtraTask) return null;
  return handle.onExtraTask((extra, gone) => {
    const extraId = `${w.taskId}.${extra.key}`.slice(0, 64);
    if (gone) return endExtraTask(s, extraId, monoMs());
    if (s.run.task(extraId)) return;
    w.extraTasks.set(extra.key, extraId);
    const tMs = s.run.relMs();
    s.run.putTask({ ...appTask(extraId, extra.kind, extra.label, extra.tid), pid: extra.pid, addressSpace: extra.pid, parentId: w.taskId, workload: s.params.workload, requestedMs: tMs, startedMs: tMs });
    s.run.mark({ tMs, kind: 'spawn', taskId: extraId, text: `discovered ${extra.kind} ${extra.pid}/${extra.tid}` });
    s.sampler.track({ taskId: extraId, pid: extra.pid, tid: extra.tid });
  });
}
