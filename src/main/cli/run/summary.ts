import { ownCost, runIntervalMs, sourceLine, wrappersOfTrace, type CommandOutcome, type Metrics, type OwnCost, type SourceRefusal, type Trace } from '../../../shared';
import { activeParallelism, activeWindowMs, unitsPerActiveSecond } from '../../presets/lib/measures';

/** The `--json` summary of one run (stable field names, documented in docs/trace-format.md). */
export interface RunSummary {
  runId: string;
  scenarioId: string | null;
  /** `corelanes trace`: the traced command (then kind is 'command', workload null). */
  command?: string[];
  /** `corelanes trace`: the working directory it ran in (absent in older traces). */
  cwd?: string;
  /** `corelanes trace`: exit status and output tails (trace.run.command.outcome; absent in older traces). */
  outcome?: CommandOutcome;
  /** `corelanes trace`: wrapper processes (a pyenv shim's helpers, a shell that waited), each with the task of the program it ran; the app folds them. */
  wrappers?: Record<string, string>;
  /** `corelanes trace`: the kinds of the tasks found (process, thread, python-thread, ...). */
  kinds?: string[];
  kind: string;
  workload: string | null;
  workers: number;
  wallMs: number;
  cpuMs: number;
  parallelism: number;
  unitsPerSecond: number | null;
  /**
   * The same measures over the time the workers ran (first worker's first instruction to the last
   * exit, spawn and stop excluded): what preset verdicts call activeParallelism and unitsPerActiveSecond.
   */
  active: { windowMs: number; parallelism: number; unitsPerSecond: number | null };
  /**
   * Spawn latency per worker (request to first instruction), and the spawn phase (run.spawnPhase): from the first
   * request until every initial worker was up, with at most `batch` starting at once; null in older traces and traced commands.
   */
  spawn: { medianMs: number | null; maxMs: number | null; phaseMs: number | null; batch: number | null };
  /**
   * What Corelanes itself used during the run: its main and sampler threads (their lanes) and the rest
   * of its own process (threads without a lane, from /proc/self/task); null: not measured (older traces, not Linux).
   */
  own: OwnCost;
  sampler: {
    rateHz: number | null;
    cpuPercent: number | null;
    intervalMs: number;
    samples: number;
    gaps: number;
    maxGapMs: number;
    /** /proc with a CPU budget: the budget (% of one core) and the coarsest interval it allowed; null: a fixed interval. */
    budget: { cpuBudgetPercent: number; coarsestIntervalMs: number } | null;
    /** /proc: share of the run outside sampling pauses over 20 ms (null for exact: every switch is recorded). */
    coverage: number | null;
    /** exact, proc, portable (or none when the sampler did not stop cleanly). */
    source: string;
    /** Why exact switch records were not used, when auto fell back to /proc. */
    refusal: SourceRefusal | null;
    /** One line for people: the source and, when refused, why and what enables exact. */
    line: string;
  };
  cores: { core: number; busyMs: number; utilization: number }[];
  tasks: {
    id: string;
    kind: string;
    label: string;
    pid: number | null;
    tid: number | null;
    onCpuMs: number;
    waitMs: number;
    coreMs: Record<string, number>;
    /** Share of the task's on-CPU time per core, 0..1. */
    coreShare: Record<string, number>;
    /** Share of the task's on-CPU time on no known core (time in pieces the sampler could not place), 0..1. */
    unknownCoreShare: number;
    migrations: number;
    spawnMs: number | null;
    /** On-CPU ms from its birth (the kernel's FORK) to its first instruction: what starting it cost; null when unknown. */
    startupCpuMs: number | null;
    unitsDone: number | null;
    exitReason: string | null;
    exitDetail: string | null;
  }[];
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The summary of a trace file: a traced command's (run.command, no params) is summarizeCommand's. */
export function summarize(trace: Trace): RunSummary {
  return trace.run.params === null ? summarizeCommand(trace, trace.run.command?.argv ?? []) : baseSummary(trace);
}

function baseSummary(trace: Trace): RunSummary {
  const params = trace.run.params;
  const m: Metrics = trace.metrics ?? { wallMs: trace.run.wallMs, cpuMs: 0, parallelism: 0, tasks: [], cores: [], sampler: null, unitsPerSecond: null };
  const details = new Map(trace.tasks.map((t) => [t.id, t]));
  const phase = trace.run.spawnPhase;
  const spawns = m.tasks.filter((t) => t.kind !== 'main' && t.kind !== 'sampler').map((t) => t.spawnMs).filter((s): s is number => s !== null);
  return {
    runId: trace.run.runId,
    scenarioId: trace.run.scenarioId,
    kind: params?.kind ?? 'command',
    workload: params?.workload ?? null,
    workers: params?.workers ?? trace.tasks.length,
    wallMs: round(m.wallMs),
    cpuMs: round(m.cpuMs),
    parallelism: round(m.parallelism, 3),
    unitsPerSecond: m.unitsPerSecond === null ? null : round(m.unitsPerSecond, 1),
    active: { windowMs: round(activeWindowMs(trace)), parallelism: round(activeParallelism(trace), 3), unitsPerSecond: m.unitsPerSecond === null ? null : round(unitsPerActiveSecond(trace), 1) },
    spawn: {
      medianMs: spawns.length ? round(median(spawns)!) : null,
      maxMs: spawns.length ? round(Math.max(...spawns)) : null,
      phaseMs: phase ? round(phase.endMs - phase.startMs) : null,
      batch: phase?.batch ?? null,
    },
    own: roundOwn(ownCost(m)),
    sampler: {
      rateHz: m.sampler ? round(m.sampler.rateHz, 1) : null,
      cpuPercent: m.sampler ? round(m.sampler.cpuPercent) : null,
      // A valid trace has params or a command, so the 0 is never reached.
      intervalMs: m.sampler?.intervalMs ?? runIntervalMs(trace.run) ?? 0,
      samples: m.sampler?.samples ?? 0,
      gaps: m.sampler?.gaps ?? 0,
      maxGapMs: round(m.sampler?.maxGapMs ?? 0),
      budget: m.sampler?.cpuBudgetPercent !== undefined && m.sampler.coarsestIntervalMs !== undefined ? { cpuBudgetPercent: m.sampler.cpuBudgetPercent, coarsestIntervalMs: m.sampler.coarsestIntervalMs } : null,
      coverage: m.sampler?.coverage === undefined ? null : round(m.sampler.coverage, 4),
      source: m.sampler?.source ?? 'none',
      refusal: m.sampler?.refusal ?? null,
      line: m.sampler ? sourceLine({ ...m.sampler, intervalMs: m.sampler.intervalMs }) : 'Scheduling: unknown (the sampler did not stop cleanly)',
    },
    cores: m.cores.map((c) => ({ core: c.core, busyMs: round(c.busyMs), utilization: round(c.utilization, 3) })),
    tasks: m.tasks.map((t) => ({
      id: t.taskId,
      kind: t.kind,
      label: t.label,
      pid: t.pid,
      tid: t.tid,
      onCpuMs: round(t.onCpuMs),
      waitMs: round(t.waitMs),
      coreMs: Object.fromEntries(Object.entries(t.coreMs).map(([c, v]) => [c, round(v)])),
      coreShare: Object.fromEntries(Object.entries(t.coreMs).map(([c, v]) => [c, t.onCpuMs > 0 ? round(v / t.onCpuMs, 3) : 0])),
      unknownCoreShare: t.onCpuMs > 0 ? round(Math.max(0, 1 - Object.values(t.coreMs).reduce((a, b) => a + b, 0) / t.onCpuMs), 3) : 0,
      migrations: t.migrations,
      // The app's own threads were not spawned by the run.
      spawnMs: t.spawnMs === null || t.kind === 'main' || t.kind === 'sampler' ? null : round(t.spawnMs),
      startupCpuMs: t.startupCpuMs === null || t.startupCpuMs === undefined ? null : round(t.startupCpuMs),
      unitsDone: t.unitsDone,
      exitReason: t.exitReason,
      exitDetail: details.get(t.taskId)?.exitDetail ?? null,
    })),
  };
}

function roundOwn(o: OwnCost): OwnCost {
  const ms = (v: number | null) => (v === null ? null : round(v));
  return { mainMs: ms(o.mainMs), samplerMs: ms(o.samplerMs), otherThreadsMs: ms(o.otherThreadsMs), totalMs: round(o.totalMs), cores: round(o.cores, 3) };
}

/**
 * The summary of `corelanes trace`: no kind, workload or worker count was chosen (the
 * trace has run.command instead of params; older traces carried placeholder params) and a
 * discovered task's spawn latency is not known (the tracer sees it only once it runs),
 * so they are replaced by what is true.
 */
export function summarizeCommand(trace: Trace, argv: readonly string[]): RunSummary {
  const s = baseSummary(trace);
  const tasks = s.tasks.map((t) => ({ ...t, spawnMs: null }));
  const { cwd, outcome } = trace.run.command ?? {};
  return {
    ...s,
    command: [...argv],
    ...(cwd !== undefined ? { cwd } : {}),
    ...(outcome ? { outcome } : {}),
    wrappers: Object.fromEntries(wrappersOfTrace(trace)),
    kinds: [...new Set(tasks.map((t) => t.kind))],
    kind: 'command',
    workload: null,
    workers: tasks.length,
    spawn: { medianMs: null, maxMs: null, phaseMs: null, batch: null },
    tasks,
  };
}
