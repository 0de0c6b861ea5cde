import { GilWaitInference, sleepsOnFutex, wokeSince, type InferredInterval, type ThreadObservation } from '../../python/gil-inference';
import { sleepSite, threadStat, threadsOf, timeslices } from '../../../node/proc/proc-tree';

/** How often the interpreter's threads are looked at; as `corelanes trace` does. */
export const GIL_WATCH_EVERY_MS = 20;

/**
 * Infers "waiting for the GIL" for the python-thread workers of one CPython
 * interpreter with a GIL, exactly as `corelanes trace` does
 * (src/main/python/gil-inference.ts): a worker thread sleeping on a futex,
 * that woke since the last look, while a sibling thread of the interpreter
 * runs. Every thread of the interpreter counts as a sibling; only worker
 * threads (those that said hello) get intervals. The result is an inference
 * (the session marks it inferred: true), never a measurement.
 */
export class PythonGilWatch {
  private readonly inference = new GilWaitInference();
  private readonly workerTasks = new Map<number, string>();
  private readonly lastSlices = new Map<number, number>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private pid: number | null = null;

  constructor(
    /** ms since the run's start, the segments' time base. */
    private readonly nowMs: () => number,
    private readonly everyMs = GIL_WATCH_EVERY_MS,
  ) {}

  /** Starts watching the interpreter (call once its GIL is known to be on). */
  start(pid: number): void {
    if (this.timer) return;
    this.pid = pid;
    this.timer = setInterval(() => this.look(), this.everyMs);
    this.timer.unref?.();
  }

  /** A worker thread of the interpreter and its task id. */
  addWorker(tid: number, taskId: string): void {
    this.workerTasks.set(tid, taskId);
  }

  private look(): void {
    const pid = this.pid;
    if (pid === null) return;
    const observations: ThreadObservation[] = [];
    for (const tid of threadsOf(pid)) {
      const st = threadStat(pid, tid);
      if (!st) continue;
      const woke = wokeSince(this.lastSlices, tid, timeslices(pid, tid));
      observations.push({
        taskId: this.workerTasks.get(tid) ?? `other:${tid}`,
        pid,
        state: st.state,
        futex: st.state === 'S' && this.workerTasks.has(tid) && sleepsOnFutex(sleepSite(pid, tid)),
        woke,
      });
    }
    this.inference.observe(this.nowMs(), observations, new Set([pid]));
  }

  /** Stops watching (idempotent). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The worker threads' task ids, each with the interpreter's pid, once its GIL is known to be on (else empty). */
  gilPidOf(): Map<string, number> {
    const pid = this.pid;
    return pid === null ? new Map() : new Map([...this.workerTasks.values()].map((id) => [id, pid]));
  }

  /** The worker threads' inferred GIL waits; still open ones end at the last look. */
  intervals(): InferredInterval[] {
    this.stop();
    const workers = new Set(this.workerTasks.values());
    return this.inference.finish().filter((i) => workers.has(i.taskId));
  }
}
