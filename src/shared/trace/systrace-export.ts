import type { Segment, Task } from './schema';
import type { TaskState } from './states';
import type { Trace } from './trace-file';

/**
 * The ftrace text format ("systrace") of a run's core placement: one
 * `sched_switch` line each time a core changes hands, as the kernel's
 * `trace` file prints them. Perfetto UI imports it with its systrace
 * importer and draws its own CPU tracks (which a Chrome JSON cannot give),
 * plus a thread-state track per task from the switches.
 *
 * Mapping (docs/trace-format.md, "systrace"):
 * - a `running` segment with a core is that task on that CPU; its tid is the
 *   PID column, its address space the TGID, its label (spaces and '=' made
 *   '_') the comm;
 * - a CPU with no task is idle: `swapper/N`, pid 0;
 * - running with no reported core, and tasks without a tid, are left out and
 *   counted in a `# corelanes:` comment line (Perfetto skips `#` lines);
 * - the /proc sampler can place two tasks on one core within one sampling
 *   interval; a CPU runs one task at a time, so the later-starting span runs
 *   and the earlier resumes when it ends (the time lost is counted too);
 * - prev_state is what the task did next: `R+` (preempted: waiting for a CPU,
 *   or running on another), `D` (I/O), `X` (exited), else `S`;
 * - times are microseconds, printed as seconds since the run's start.
 */

/** One task on one CPU, in integer microseconds since the run's start. */
export interface CpuRun {
  cpu: number;
  taskId: string;
  fromUs: number;
  toUs: number;
}

export interface SystraceExport {
  text: string;
  /** What the CPUs ran, as written: serialised, per CPU in time order. */
  runs: CpuRun[];
  switches: number;
  unknownCore: { spans: number; ms: number };
  noTid: { spans: number; ms: number };
  overlap: { spans: number; ms: number };
}

const PRIO = 120; // nice 0, as the kernel prints it

/** A comm as ftrace prints it: no spaces (fields are space-separated) and no '=' (key=value args). */
export function systraceComm(label: string): string {
  return label.replace(/[\s=]+/g, '_').replace(/[^\x21-\x7e]/g, '?').slice(0, 32) || 'task';
}

const usOf = (ms: number) => Math.round(ms * 1000);

function timestamp(us: number): string {
  return `${Math.floor(us / 1e6)}.${String(us % 1e6).padStart(6, '0')}`;
}

interface Span {
  taskId: string;
  from: number;
  to: number;
}

/**
 * One CPU's spans as the CPU ran them: at any time the covering span that
 * started last runs; the one it interrupted resumes after it if it lasts longer.
 */
export function serialiseCpu(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.from - b.from || a.to - b.to);
  // Every start and end, once, in order (typed: a long run has millions).
  const all = new Float64Array(sorted.length * 2);
  sorted.forEach((s, i) => {
    all[2 * i] = s.from;
    all[2 * i + 1] = s.to;
  });
  all.sort();
  const points: number[] = [];
  for (const p of all) if (points.length === 0 || points[points.length - 1] !== p) points.push(p);
  const out: Span[] = [];
  const active: Span[] = [];
  let next = 0;
  for (let p = 0; p < points.length; p++) {
    const t = points[p] as number;
    for (let i = active.length - 1; i >= 0; i--) if ((active[i] as Span).to <= t) active.splice(i, 1);
    while (next < sorted.length && (sorted[next] as Span).from <= t) active.push(sorted[next++] as Span);
    let runner: Span | null = null;
    for (const s of active) if (!runner || s.from >= runner.from) runner = s;
    const end = points[p + 1];
    if (runner && end !== undefined) {
      const last = out[out.length - 1];
      if (last && last.taskId === runner.taskId && last.to === t) last.to = end;
      else out.push({ taskId: runner.taskId, from: t, to: end });
    }
  }
  return out;
}

/** The segment of a task (sorted by start) covering a time, by binary search. */
function segmentAt(segments: readonly Segment[] | undefined, ms: number): Segment | null {
  if (!segments) return null;
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((segments[mid] as Segment).startMs <= ms) lo = mid + 1;
    else hi = mid;
  }
  const at = segments[lo - 1];
  return at && at.endMs > ms ? at : null;
}

/** What a task did right after it left a CPU at `ms`, as a sched_switch prev_state. */
function stateAfter(segments: readonly Segment[] | undefined, task: Task | undefined, ms: number): string {
  const state: TaskState | null = segmentAt(segments, ms + 1e-6)?.state ?? null;
  if (state === 'running' || state === 'runnable') return 'R+';
  if (state === 'io') return 'D';
  if (state === null && task?.exitMs != null && task.exitMs <= ms + 1) return 'X';
  return 'S';
}

/** Merges per-CPU lines, each list in time order, into one list in time order (ties: the lower CPU first). */
function mergeByTime(lists: { times: number[]; texts: string[] }[]): string[] {
  const out: string[] = [];
  const at = lists.map(() => 0);
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      const t = (lists[i] as { times: number[] }).times[at[i] as number];
      if (t !== undefined && (best < 0 || t < ((lists[best] as { times: number[] }).times[at[best] as number] as number))) best = i;
    }
    if (best < 0) return out;
    out.push((lists[best] as { texts: string[] }).texts[at[best] as number] as string);
    at[best] = (at[best] as number) + 1;
  }
}

/** The systrace text of a trace (or of a window of it: clip it first). Pure. */
export function toSystrace(trace: Trace): SystraceExport {
  const tasks = new Map(trace.tasks.map((t) => [t.id, t]));
  const byTask = new Map<string, Segment[]>();
  const perCpu = new Map<number, Span[]>();
  const unknownCore = { spans: 0, ms: 0 };
  const noTid = { spans: 0, ms: 0 };
  for (const s of trace.segments) {
    let own = byTask.get(s.taskId);
    if (!own) byTask.set(s.taskId, (own = []));
    own.push(s);
    if (s.state !== 'running') continue;
    const task = tasks.get(s.taskId);
    if (s.core === null) {
      unknownCore.spans++;
      unknownCore.ms += s.endMs - s.startMs;
      continue;
    }
    if (!task || task.tid === null) {
      noTid.spans++;
      noTid.ms += s.endMs - s.startMs;
      continue;
    }
    const from = usOf(s.startMs);
    const to = usOf(s.endMs);
    if (to <= from) continue;
    let list = perCpu.get(s.core);
    if (!list) perCpu.set(s.core, (list = []));
    list.push({ taskId: s.taskId, from, to });
  }
  for (const own of byTask.values()) own.sort((a, b) => a.startMs - b.startMs);

  const runs: CpuRun[] = [];
  // Per CPU, lines come out in time order: kept apart (times and texts), then merged, not sorted as objects.
  const cpuTimes = new Map<number, number[]>();
  const cpuTexts = new Map<number, string[]>();
  const overlap = { spans: 0, ms: 0 };
  const names = new Map(trace.tasks.map((t) => [t.id, { comm: systraceComm(t.label), pid: t.tid as number, tgid: t.addressSpace ?? t.pid }]));
  const idle = new Map<number, { comm: string; pid: number; tgid: number | null }>();
  const who = (taskId: string | null, cpu: number) => {
    const known = taskId === null ? undefined : names.get(taskId);
    if (known) return known;
    let swapper = idle.get(cpu);
    if (!swapper) idle.set(cpu, (swapper = { comm: `swapper/${cpu}`, pid: 0, tgid: null }));
    return swapper;
  };
  const emit = (cpu: number, us: number, prev: string | null, next: string | null) => {
    const p = who(prev, cpu);
    const n = who(next, cpu);
    const state = prev === null ? 'R' : stateAfter(byTask.get(prev), tasks.get(prev), us / 1000);
    // One join, not a template: V8 keeps a template as a rope of its ~20 pieces, and a million ropes
    // cost more memory than the text (measured here: 1.4 GB and 19 s before, 0.9 GB and 9.5 s after, for 850k switches).
    const line = [
      (prev === null ? '<idle>' : p.comm).padStart(16), '-', String(p.pid).padEnd(5), ' (', p.tgid === null ? '-----' : String(p.tgid).padStart(5), ') [', String(cpu).padStart(3, '0'), '] .... ', timestamp(us).padStart(12),
      ': sched_switch: prev_comm=', p.comm, ' prev_pid=', String(p.pid), ' prev_prio=', String(PRIO), ' prev_state=', state,
      ' ==> next_comm=', n.comm, ' next_pid=', String(n.pid), ' next_prio=', String(PRIO),
    ].join('');
    (cpuTimes.get(cpu) as number[]).push(us);
    (cpuTexts.get(cpu) as string[]).push(line);
  };
  for (const cpu of [...perCpu.keys()].sort((a, b) => a - b)) {
    const spans = perCpu.get(cpu) as Span[];
    const serial = serialiseCpu(spans);
    cpuTimes.set(cpu, []);
    cpuTexts.set(cpu, []);
    const kept = serial.reduce((a, s) => a + (s.to - s.from), 0);
    const given = spans.reduce((a, s) => a + (s.to - s.from), 0);
    if (given > kept) {
      overlap.ms += (given - kept) / 1000;
      // Count the spans that lost time: a span overlapping the one before it on this CPU.
      const sorted = [...spans].sort((a, b) => a.from - b.from);
      let end = -1;
      for (const s of sorted) {
        if (s.from < end) overlap.spans++;
        end = Math.max(end, s.to);
      }
    }
    let prev: Span | null = null;
    for (const run of serial) {
      runs.push({ cpu, taskId: run.taskId, fromUs: run.from, toUs: run.to });
      if (prev && prev.to === run.from) emit(cpu, run.from, prev.taskId, run.taskId);
      else {
        if (prev) emit(cpu, prev.to, prev.taskId, null);
        emit(cpu, run.from, null, run.taskId);
      }
      prev = run;
    }
    if (prev) emit(cpu, prev.to, prev.taskId, null);
  }
  const lines = mergeByTime([...cpuTimes.keys()].map((cpu) => ({ times: cpuTimes.get(cpu) as number[], texts: cpuTexts.get(cpu) as string[] })));

  const cores = Math.max(trace.machine.logicalCores, ...[...perCpu.keys()].map((c) => c + 1));
  const run = trace.run;
  const out = [
    '# tracer: nop',
    '#',
    `# entries-in-buffer/entries-written: ${lines.length}/${lines.length}   #P:${cores}`,
    '#',
    '#                                _-----=> irqs-off',
    '#                               / _----=> need-resched',
    '#                              | / _---=> hardirq/softirq',
    '#                              || / _--=> preempt-depth',
    '#                              ||| /     delay',
    '#           TASK-PID    TGID   CPU#  ||||    TIMESTAMP  FUNCTION',
    '#              | |        |      |   ||||       |         |',
    `# corelanes: run ${run.runId} (${run.scenarioId ?? (run.params ? `${run.params.workload} ${run.params.kind}` : 'run')}), started ${run.startedAt}; timestamps are seconds since the run's start (CLOCK_MONOTONIC)`,
    `# corelanes: ${unknownCore.spans} running spans (${unknownCore.ms.toFixed(1)} ms) on no reported core are left out: the OS did not say which core`,
    ...(noTid.spans ? [`# corelanes: ${noTid.spans} running spans (${noTid.ms.toFixed(1)} ms) of tasks with no known tid are left out`] : []),
    `# corelanes: ${overlap.spans} running spans overlapped another on the same core (${overlap.ms.toFixed(1)} ms, sampling); a CPU runs one task at a time, so the later start runs and the earlier resumes after it`,
  ];
  for (const line of lines) out.push(line);
  return { text: `${out.join('\n')}\n`, runs, switches: lines.length, unknownCore, noTid, overlap };
}
