import type { Marker, Segment, Task } from './schema';
import type { Trace } from './trace-file';

/**
 * Wrapper process chains of a traced program: processes whose only role was
 * to start the program. A pyenv shim is a bash script that runs a dozen
 * short bash helpers (`$(pyenv-version-name)` ...) and then execs python3; a
 * `sh -c 'python3 x.py; ...'` forks python3 and waits. Their lanes say
 * nothing about the program, so they are folded into it (a toggle shows
 * them). Pure: from the tasks, the exec markers and each task's CPU.
 */

/** Text of the marker the tracer puts on a process that execs another program: `exec <comm>`. */
export const EXEC_MARKER_PREFIX = 'exec ';

/** A shell or launcher that forks the program and waits for it (comm, as the OS reports it; 15 characters at most). */
const LAUNCHERS = /^(sh|bash|dash|zsh|ksh|fish|env|setpriv|nice|nohup|timeout|time|stdbuf|taskset|chrt|ionice|xargs|pyenv.*|uv|poetry|pipenv|conda)$/;

/** CPU a waiting wrapper may use after its program started: 5 ms, plus 1% of the time it waited. */
const WAIT_CPU_MS = 5;
const WAIT_CPU_SHARE = 0.01;
/** The tracer sees an exec or an exit on its next look (every ~20 ms): times within this are "at the same time". */
const LOOK_SLACK_MS = 50;

export interface ChainTask {
  id: string;
  pid: number | null;
  tid: number | null;
  /** The process's program name (comm), as the OS reports it. */
  comm: string;
  /** true for a CPython interpreter (never a wrapper: it runs the user's code). */
  python: boolean;
  parentId: string | null;
  startMs: number;
  exitMs: number | null;
}

export interface ChainFacts {
  tasks: readonly ChainTask[];
  /** When each process last exec'd another program (its exec markers), by task id. */
  lastExecMs: ReadonlyMap<string, number>;
  /** On-CPU ms of a task inside [fromMs, toMs). */
  cpuMs(taskId: string, fromMs: number, toMs: number): number;
  /** The run's end: a task still running ends here. */
  endMs: number;
}

/** Which tasks are wrappers, each mapped to the task of the program it ran (its lane shows them folded). */
export function findWrappers(f: ChainFacts): Map<string, string> {
  const processes = f.tasks.filter((t) => t.pid !== null && t.pid === t.tid);
  const children = new Map<string, ChainTask[]>();
  for (const t of processes) {
    if (t.parentId === null) continue;
    const l = children.get(t.parentId) ?? [];
    l.push(t);
    children.set(t.parentId, l);
  }
  const threaded = new Set(f.tasks.filter((t) => t.pid !== null && t.tid !== t.pid).map((t) => t.pid));
  const subtree = (root: ChainTask): ChainTask[] => {
    const out = [root];
    for (let i = 0; i < out.length; i++) out.push(...(children.get((out[i] as ChainTask).id) ?? []));
    return out;
  };
  const end = (t: ChainTask) => t.exitMs ?? f.endMs;
  const folded = new Map<string, string>();

  // 1. Helpers a process ran before it exec'd the program (a pyenv shim's bash subshells): the whole helper tree ended by then.
  for (const p of processes) {
    const execMs = f.lastExecMs.get(p.id);
    if (execMs === undefined) continue;
    for (const c of children.get(p.id) ?? []) {
      const tree = subtree(c);
      const before = c.startMs < execMs && tree.every((t) => t.exitMs !== null && t.exitMs <= execMs + LOOK_SLACK_MS && !t.python && !threaded.has(t.pid));
      if (before) for (const t of tree) folded.set(t.id, p.id);
    }
  }

  // 2. A launcher that forked the program and only waited for it (sh -c 'python3 x.py; ...').
  const waits = (w: ChainTask): ChainTask[] | null => {
    const kids = children.get(w.id) ?? [];
    if (w.python || threaded.has(w.pid) || !LAUNCHERS.test(w.comm) || kids.length === 0) return null;
    const from = Math.min(...kids.map((k) => k.startMs));
    const cpu = f.cpuMs(w.id, from, end(w));
    const waited = end(w) >= Math.max(...kids.map(end)) - LOOK_SLACK_MS;
    return cpu <= WAIT_CPU_MS + WAIT_CPU_SHARE * Math.max(0, end(w) - from) && waited ? kids : null;
  };
  const treeCpu = (t: ChainTask) => subtree(t).reduce((a, x) => a + f.cpuMs(x.id, x.startMs, end(x)), 0);
  const programOf = (w: ChainTask, kids: ChainTask[], depth = 0): string => {
    const busiest = kids.reduce((a, b) => (treeCpu(b) > treeCpu(a) ? b : a));
    const next = depth < 32 ? waits(busiest) : null;
    return next ? programOf(busiest, next, depth + 1) : busiest.id;
  };
  for (const w of processes) {
    if (folded.has(w.id)) continue;
    const kids = waits(w);
    if (kids) folded.set(w.id, programOf(w, kids));
  }
  // A helper of a helper folds into the program at the end of the chain, not into another folded lane.
  for (const [w, p] of folded) {
    let to = p;
    for (let hops = 0; folded.has(to) && hops < 64; hops++) to = folded.get(to) as string;
    folded.set(w, to);
  }
  return folded;
}

/** A traced task's program name: its label is "<comm> pid N" or "<comm> tid N" (src/main/tracer/tree-follower.ts). */
export function commOfLabel(label: string): string {
  return /^(.*?) (?:pid|tid) \d+/.exec(label)?.[1] ?? label;
}

/** What findWrappers needs of a traced task. */
export function chainTaskOf(t: Task): ChainTask {
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

/** Task ids of processes that exec'd another program, with the time of the last exec (the tracer's `exec <comm>` phase markers). */
export function lastExecTimes(markers: readonly Marker[], into: Map<string, number> = new Map()): Map<string, number> {
  for (const m of markers) {
    if (m.kind !== 'phase' || m.taskId === null || !m.text?.startsWith(EXEC_MARKER_PREFIX)) continue;
    into.set(m.taskId, Math.max(into.get(m.taskId) ?? -Infinity, m.tMs));
  }
  return into;
}

/** A trace's wrapper processes (findWrappers over its tasks, exec markers and segments): wrapper task id -> program task id. */
export function wrappersOfTrace(trace: Pick<Trace, 'tasks' | 'segments' | 'markers' | 'run'>): Map<string, string> {
  if (!trace.run.command) return new Map();
  const lastExecMs = lastExecTimes(trace.markers);
  const segs = new Map<string, Segment[]>();
  for (const s of trace.segments) {
    const l = segs.get(s.taskId) ?? [];
    l.push(s);
    segs.set(s.taskId, l);
  }
  return findWrappers({
    tasks: trace.tasks.filter((t) => /^[pt]\d+$/.test(t.id)).map(chainTaskOf),
    lastExecMs,
    endMs: trace.run.wallMs,
    cpuMs: (id, from, to) =>
      (segs.get(id) ?? []).reduce((a, s) => {
        const lo = Math.max(from, s.startMs);
        const hi = Math.min(to, s.endMs);
        return hi > lo && s.endMs > s.startMs ? a + (s.onCpuNs / 1e6) * ((hi - lo) / (s.endMs - s.startMs)) : a;
      }, 0),
  });
}
