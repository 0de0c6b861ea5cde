import { FromWorkerSchema, type FromWorker, type Task } from '../../../shared';
import { monoMs } from '../../../node/clock';
import type { SessionState } from './session-state';
import type { WorkerRecord } from './worker-record';

/** A worker's heap is recorded beside its address space's RSS at most this often. */
const HEAP_SAMPLE_MS = 1000;

/** One message from a worker: validated (a malformed one becomes an error marker), then acted on. */
export function handleWorkerMessage(s: SessionState, w: WorkerRecord, raw: unknown): void {
  const parsed = FromWorkerSchema.safeParse(raw);
  const now = monoMs();
  if (!parsed.success) {
    s.run.mark({ tMs: s.run.relMs(now), kind: 'error', taskId: w.taskId, text: `rejected a malformed message from the worker: ${parsed.error.issues[0]?.message ?? 'invalid'}` });
    return;
  }
  w.lastHeardMono = now;
  const message: FromWorker = parsed.data;
  const task = s.run.task(w.taskId);
  if (!task) return;
  switch (message.type) {
    case 'hello':
      return onHello(s, w, task, message);
    case 'phase':
      s.sampler.reportPhase(w.taskId, message.phase, message.core, s.run.relMs(message.atMono));
      return;
    case 'progress':
      w.unitsDone = Math.max(w.unitsDone, message.unitsDone);
      if (message.heapBytes !== null) sampleHeap(s, w, task, message.heapBytes, now);
      return;
    case 'done':
      w.saidDone = true;
      w.unitsDone = Math.max(w.unitsDone, message.unitsDone);
      s.run.mark({ tMs: s.run.relMs(now), kind: 'message-received', taskId: w.taskId, text: `done: ${message.unitsDone} units` });
      return;
    case 'error':
      w.reportedError = message.message;
      s.run.mark({ tMs: s.run.relMs(now), kind: 'error', taskId: w.taskId, text: message.message });
      return;
    case 'marker':
      s.run.mark({ tMs: s.run.relMs(message.atMono), kind: message.kind, taskId: w.taskId, peerTaskId: message.peerTaskId, text: message.text });
      return;
  }
}

/** The worker's first instruction ran: it gets its pid/tid, the sampler follows it, and it is told to start. */
function onHello(s: SessionState, w: WorkerRecord, task: Task, hello: Extract<FromWorker, { type: 'hello' }>): void {
  w.markHello();
  const startedMs = s.run.relMs(hello.startedAtMono);
  // The trace keeps an unknown tid unknown; the sampler gets the pid to follow the process at least.
  const tid = hello.tid ?? hello.pid;
  s.run.putTask({ ...task, pid: hello.pid, tid: hello.tid, addressSpace: hello.pid, startedMs });
  s.run.mark({ tMs: startedMs, kind: 'started', taskId: w.taskId, text: `first instruction ${(startedMs - task.requestedMs).toFixed(1)} ms after the request` });
  s.sampler.track({ taskId: w.taskId, pid: hello.pid, tid, phaseSlot: w.handle?.phaseSlot ?? undefined });
  const gate = s.spawnPhaseOver;
  if (gate && w.initial) {
    // Up during the spawn phase: it waits (idle) for the others, so the ones still starting get the CPU.
    w.startHeld = true;
    void gate.then(() => sendStart(s, w));
    return;
  }
  sendStart(s, w);
}

/** Tells a worker to start its workload (and to stop at once when the run is already ending). */
function sendStart(s: SessionState, w: WorkerRecord): void {
  if (w.gone) return;
  w.startHeld = false;
  w.lastHeardMono = monoMs();
  w.handle?.post({ type: 'start', taskId: w.taskId, params: s.params, requestedAtMono: w.requestedAtMono });
  s.run.mark({ tMs: s.run.relMs(), kind: 'message-sent', taskId: w.taskId, text: 'start' });
  if (s.ending) w.handle?.post({ type: 'stop' });
}

/** A worker's JS heap, recorded beside the latest RSS of its address space. */
function sampleHeap(s: SessionState, w: WorkerRecord, task: Task, heapBytes: number, now: number): void {
  const rss = task.addressSpace === null ? undefined : s.run.rssOf(task.addressSpace);
  if (rss === undefined || task.addressSpace === null || now - w.lastHeapSampleMono < HEAP_SAMPLE_MS) return;
  w.lastHeapSampleMono = now;
  s.run.addMemory({ tMs: s.run.relMs(now), addressSpace: task.addressSpace, rssBytes: rss, taskId: w.taskId, heapBytes });
}
