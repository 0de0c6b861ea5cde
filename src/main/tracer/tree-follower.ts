import { EXEC_MARKER_PREFIX, type Task } from '../../shared';
import { exeOf, processTree, sleepSite, threadStat, threadsOf, timeslices } from '../../node/proc/proc-tree';
import type { TaskStat } from '../../node/proc/task-stat';
import type { RunRecording } from '../engine/recording';
import type { Sampler } from '../engine/sampling/sampler-api';
import { GilWaitInference, sleepsOnFutex, wokeSince, type InferredInterval, type ThreadObservation } from '../python/gil-inference';
import { pythonFlavour, tracedKind, tracedTaskId } from './task-naming';

/** Each traced task costs the sampler two reads per sample; past this a program is a fork bomb to us. */
export const MAX_TRACED_TASKS = 512;

interface Known {
  taskId: string;
  pid: number;
  tid: number;
  gone: boolean;
  /** The thread's name as the OS reports it (comm); a thread may rename itself (prctl PR_SET_NAME, pthread_setname_np). */
  comm: string;
}

/**
 * Follows a command's whole process tree in /proc: every process and thread
 * as it comes (a task, tracked by the sampler) and goes (its exit), a process
 * that execs into another program (a pyenv shim becoming python3), and the
 * observations GIL-wait inference needs for CPython processes with a GIL.
 */
export class TreeFollower {
  /** Every pid of the tree seen so far (to end them all, and to name parents). */
  readonly seenPids = new Set<number>();
  /** When each of them started (stat field 22, read at discovery): with the pid, its identity, so it is never confused with a later process. */
  readonly startTimes = new Map<number, number>();
  private readonly byKey = new Map<string, Known>();
  private readonly gilPids = new Set<number>();
  private readonly everGil = new Set<number>();
  private readonly pythonPids = new Set<number>();
  private readonly commOf = new Map<number, string>();
  private readonly exeOfPid = new Map<number, string | null>();
  private readonly lastSlices = new Map<string, number>();
  private readonly labels = new Map<number, string>();
  private readonly inference = new GilWaitInference();
  private capped = false;

  constructor(
    private readonly run: RunRecording,
    private readonly sampler: Sampler,
    private readonly root: number,
  ) {}

  /** A Python worker program named one of its threads (its JSON "hello" line). */
  nameThread(pid: number, tid: number, key: string): void {
    this.labels.set(tid, key);
    const known = this.byKey.get(`${pid}/${tid}`);
    if (known) this.relabel(known, known.comm);
  }

  /** One look at the tree: new tasks, renamed processes, gone tasks, and a GIL observation. */
  look(): void {
    const t = this.run.relMs();
    const live = new Set<string>();
    const observations: ThreadObservation[] = [];
    for (const pid of processTree(this.root)) {
      const mainStat = threadStat(pid, pid);
      this.seenPids.add(pid);
      if (mainStat?.startTime != null && !this.startTimes.has(pid)) this.startTimes.set(pid, mainStat.startTime);
      if (mainStat && this.commOf.get(pid) !== mainStat.comm) this.renamed(pid, mainStat.comm);
      for (const tid of threadsOf(pid)) {
        const st = tid === pid ? mainStat : threadStat(pid, tid);
        if (!st || st.state === 'Z') continue;
        const key = `${pid}/${tid}`;
        live.add(key);
        const k = this.byKey.get(key) ?? this.discovered(pid, tid, st, mainStat, t);
        if (k && k.comm !== st.comm) this.relabel(k, st.comm);
        if (k && this.gilPids.has(pid)) {
          const woke = wokeSince(this.lastSlices, k.taskId, timeslices(pid, tid));
          observations.push({ taskId: k.taskId, pid, state: st.state, futex: st.state === 'S' && sleepsOnFutex(sleepSite(pid, tid)), woke });
        }
      }
    }
    this.inference.observe(t, observations, this.gilPids);
    for (const [key, k] of this.byKey) {
      if (k.gone || live.has(key)) continue;
      this.end(k, t, 'exited');
      this.run.mark({ tMs: t, kind: 'exit', taskId: k.taskId, text: null });
    }
  }

  /** Ends every task still going (the command is over): 'killed' when we stopped it. */
  endAll(endMs: number, stopped: boolean): void {
    for (const k of this.byKey.values()) if (!k.gone) this.end(k, endMs, stopped ? 'killed' : 'exited');
  }

  /** Every process seen running a CPython with a GIL (its threads take turns). */
  gilProcesses(): Set<number> {
    return new Set(this.everGil);
  }

  /** Inferred GIL waits; still open ones end at endMs. */
  gilWaits(endMs: number): InferredInterval[] {
    return this.inference.finish(endMs);
  }

  private end(k: Known, tMs: number, exitReason: Task['exitReason']): void {
    k.gone = true;
    this.sampler.untrack(k.taskId);
    const task = this.run.task(k.taskId);
    if (task) this.run.putTask({ ...task, exitMs: tMs, exitReason });
  }

  /** A process may exec into another program (a pyenv shim becomes python3): re-check what it is on a new name. */
  private renamed(pid: number, comm: string): void {
    this.commOf.set(pid, comm);
    const exe = exeOf(pid);
    // A new program in a process already seen: an exec (a wrapper chain such as a pyenv shim becoming python3; EXEC_MARKER_PREFIX).
    if (this.exeOfPid.has(pid) && this.exeOfPid.get(pid) !== exe) {
      this.run.mark({ tMs: this.run.relMs(), kind: 'phase', taskId: tracedTaskId(pid, pid), text: `${EXEC_MARKER_PREFIX}${comm}` });
    }
    this.exeOfPid.set(pid, exe);
    const flavour = pythonFlavour(exe, comm);
    if (flavour.python) this.pythonPids.add(pid);
    else this.pythonPids.delete(pid);
    if (flavour.python && !flavour.freeThreaded) {
      this.gilPids.add(pid);
      this.everGil.add(pid);
    }
    else this.gilPids.delete(pid);
    for (const k of this.byKey.values()) {
      if (k.pid !== pid || k.gone) continue;
      const task = this.run.task(k.taskId);
      if (task) this.run.putTask({ ...task, kind: tracedKind(pid, k.tid, flavour.python) });
    }
  }

  /** A lane's label: the thread's own OS name (comm), its pid or tid, and the name a worker program gave it. */
  private labelOf(pid: number, tid: number, comm: string): string {
    return `${comm} ${tid === pid ? `pid ${pid}` : `tid ${tid}`}${this.labels.has(tid) ? ` ${this.labels.get(tid)}` : ''}`;
  }

  /** The thread's OS name changed (an exec, or the program named it): its lane says so. */
  private relabel(k: Known, comm: string): void {
    k.comm = comm;
    const task = this.run.task(k.taskId);
    if (task) this.run.putTask({ ...task, label: this.labelOf(k.pid, k.tid, comm) });
  }

  /** A new process or thread: a task of the run, tracked by the sampler (none past MAX_TRACED_TASKS). */
  private discovered(pid: number, tid: number, st: TaskStat, mainStat: TaskStat | null, t: number): Known | null {
    if (this.byKey.size >= MAX_TRACED_TASKS) {
      if (!this.capped) {
        this.capped = true;
        this.run.mark({ tMs: t, kind: 'error', taskId: null, text: `more than ${MAX_TRACED_TASKS} threads and processes: the rest are not traced` });
      }
      return null;
    }
    const k: Known = { taskId: tracedTaskId(pid, tid), pid, tid, gone: false, comm: st.comm };
    this.byKey.set(`${pid}/${tid}`, k);
    const parentPid = tid === pid ? (mainStat?.ppid ?? null) : pid;
    const parentId = parentPid !== null && this.seenPids.has(parentPid) ? tracedTaskId(parentPid, parentPid) : null;
    const label = this.labelOf(pid, tid, st.comm);
    this.run.putTask({
      id: k.taskId,
      kind: tracedKind(pid, tid, this.pythonPids.has(pid)),
      label,
      pid,
      tid,
      addressSpace: pid,
      parentId: parentId === k.taskId ? null : parentId,
      workload: null,
      requestedMs: t,
      // A program's first instruction is not observable from outside: unknown, never a made-up 0 µs spawn.
      startedMs: null,
      exitMs: null,
      exitReason: null,
      exitDetail: null,
    });
    this.run.mark({ tMs: t, kind: 'spawn', taskId: k.taskId, text: `discovered ${tid === pid ? 'process' : 'thread'} ${pid}/${tid}` });
    this.sampler.track({ taskId: k.taskId, pid, tid });
    return k;
  }
}
