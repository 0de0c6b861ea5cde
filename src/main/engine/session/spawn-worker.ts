import type { WorkerKind } from '../../../shared';
import { monoMs } from '../../../node/clock';
import type { KindDriver } from '../kinds/kind-driver';
import { followExtraTasks } from './extra-tasks';
import type { SessionState } from './session-state';
import { handleWorkerMessage } from './worker-protocol';
import { onWorkerExit } from './worker-exits';
import { newWorkerRecord } from './worker-record';

/** The run's driver of a kind, made on first use. */
function driverFor(s: SessionState, kind: WorkerKind): KindDriver {
  const existing = s.drivers.get(kind);
  if (existing) return existing;
  const def = s.findKind(kind);
  if (!def) throw new Error(`no driver for kind '${kind}'`);
  const driver = def.create(s.driverContext);
  s.drivers.set(kind, driver);
  return driver;
}

/**
 * Spawns one worker: stamps the request, announces its task, and wires its
 * messages, exit and extra tasks. A spawn that fails is an exit ("could not
 * spawn"), not an exception; an unknown kind throws. Returns the task id.
 */
export function spawnWorker(s: SessionState, kind: WorkerKind): string {
  const index = s.nextIndex++;
  const taskId = `w${index}`;
  const requestedAtMono = monoMs();
  const w = newWorkerRecord(taskId, index, kind, requestedAtMono);
  s.workers.set(taskId, w);
  const requestedMs = s.run.relMs(requestedAtMono);
  let driver: KindDriver;
  try {
    driver = driverFor(s, kind);
  } catch (error) {
    s.workers.delete(taskId);
    throw error;
  }
  s.run.putTask({
    id: taskId,
    kind: driver.taskKind,
    label: `${kind} ${index}`,
    pid: null,
    tid: null,
    addressSpace: null,
    parentId: null,
    workload: s.params.workload,
    requestedMs,
    startedMs: null,
    exitMs: null,
    exitReason: null,
    exitDetail: null,
  });
  s.run.mark({ tMs: requestedMs, kind: 'spawn', taskId, text: `${kind} requested` });
  try {
    const handle = driver.spawn({ taskId, index, requestedAtMono, phaseSlot: w.phaseSlot });
    w.handle = handle;
    w.disposers.push(handle.onMessage((m) => handleWorkerMessage(s, w, m)));
    w.disposers.push(handle.onExit((exit) => onWorkerExit(s, w, exit)));
    const offExtra = followExtraTasks(s, w, handle);
    if (offExtra) w.disposers.push(offExtra);
  } catch (error) {
    onWorkerExit(s, w, { code: null, signal: null, error: `could not spawn: ${error instanceof Error ? error.message : String(error)}` });
  }
  return taskId;
}
