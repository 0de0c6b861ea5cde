import type { SessionRun } from './session-runs';
import { readVerdict, type Annotation, type BridgeEvent, type Machine, type MemorySample, type Metrics, type Role, type RunInfo, type Task, type Verdict } from '../../shared';
import type { ConnectionState } from '../bridge/connection';
import { runRecordFor, sweepPointsOf, type RunRecord, type SweepPoint } from './speedup-record';
import { appendVerdict, type VerdictRecord } from './verdict-history';

export type RunStatus = 'idle' | 'starting' | 'running' | 'stopping' | 'ended';

export type { RunRecord } from './speedup-record';

/** What React shows. Segments are not here: they go to the TimelineModel, which the canvas reads. */
export interface RunState {
  connection: ConnectionState;
  /** What this page may do (web mode's hello; the Electron page is the leader); null until known. */
  role: Role | null;
  /** False when a browser page was opened without the printed link's token: it cannot connect. */
  hasToken: boolean;
  machine: Machine | null;
  run: RunInfo | null;
  status: RunStatus;
  progress: { elapsedMs: number; durationMs: number } | null;
  tasks: Task[];
  metrics: Metrics | null;
  /** Latest sample per address space and per task (heap, shared bytes). */
  memory: { spaces: Record<number, MemorySample>; tasks: Record<string, MemorySample> };
  ended: { reason: 'finished' | 'stopped' | 'failed'; metrics: Metrics | null } | null;
  verdict: Verdict | null;
  /** This session's verdicts, newest last (to list and compare). */
  verdicts: VerdictRecord[];
  /** User-facing messages, newest last. */
  errors: string[];
  history: RunRecord[];
  /** The speedup-sweep preset's own measured points (its verdict), newest sweep only. */
  sweepPoints: SweepPoint[];
  /** Runs announced so far by the preset going on (a multi-run preset starts one run per measurement). */
  presetRun: { scenarioId: string; index: number; earlier: PresetPhase[] } | null;
  /** Per-core busy share over recent windows, oldest first (<= HISTORY_LENGTH each). */
  coreHistory: number[][];
  /** The run's notes (trace v2 `annotations`): from an opened trace, or written here; saved with the trace. */
  annotations: Annotation[];
  /** This session's finished runs, each whole, newest last (the controller adds them; shown again on request). */
  sessionRuns: SessionRun[];
}

/** One finished run of a multi-run preset: what ran and how it ended (the timeline shows only the current run). */
export interface PresetPhase {
  index: number;
  /** e.g. "2 process, 1 thread" (the workers' own kinds). */
  workers: string;
  reason: 'finished' | 'stopped' | 'failed';
}

export const HISTORY_LENGTH = 24;

/** The scenario id of a "Run my own program" (traceCommand) run: it has no planned length and no preset phases. */
export const TRACED_PROGRAM_SCENARIO = 'trace';

/** How many workers of each kind, in the order the kinds first appear. */
function workerKinds(tasks: readonly Task[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const t of tasks) if (WORKER_TASK_KINDS.has(t.kind)) counts.set(t.kind, (counts.get(t.kind) ?? 0) + 1);
  return [...counts];
}

function describeWorkers(tasks: readonly Task[]): string {
  const kinds = workerKinds(tasks);
  return kinds.length === 0 ? 'no workers' : kinds.map(([k, n]) => `${n} ${k}`).join(', ');
}

/** "2 process workers and 2 thread workers": a run that mixes kinds (workers added while it ran) says so. */
export function workerMix(tasks: readonly Task[]): string {
  const parts = workerKinds(tasks).map(([k, n]) => `${n} ${k} worker${n === 1 ? '' : 's'}`);
  if (parts.length === 0) return 'no workers';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}

export const initialRunState: RunState = {
  connection: 'connecting',
  role: null,
  hasToken: true,
  machine: null,
  run: null,
  status: 'idle',
  progress: null,
  tasks: [],
  metrics: null,
  memory: { spaces: {}, tasks: {} },
  ended: null,
  verdict: null,
  verdicts: [],
  errors: [],
  history: [],
  sweepPoints: [],
  presetRun: null,
  coreHistory: [],
  annotations: [],
  sessionRuns: [],
};

const WORKER_TASK_KINDS = new Set(['thread', 'process', 'gil-thread', 'python-thread', 'python-process']);

/** Applies one bridge event; pure, so the panels' behaviour is unit tested without a DOM. */
export function reduceEvent(state: RunState, event: BridgeEvent): RunState {
  switch (event.type) {
    case 'run-started': {
      const sid = event.run.scenarioId;
      const sameRun = state.run?.runId === event.run.runId;
      // A multi-run preset announces one run per measurement; a verdict (or a new Start) closes the count.
      const continues = state.presetRun?.scenarioId === sid && state.verdict === null;
      const presetRun =
        sid === null || sid === TRACED_PROGRAM_SCENARIO || sid.startsWith('plain-')
          ? null
          : sameRun
            ? state.presetRun
            : continues && state.presetRun
              ? { scenarioId: sid, index: state.presetRun.index + 1, earlier: state.presetRun.earlier }
              : { scenarioId: sid, index: 1, earlier: [] };
      return {
        ...state,
        presetRun,
        machine: event.machine,
        run: event.run,
        status: 'running',
        // A traced command has no planned length (params null): 0, and the progress text shows the elapsed time only.
        progress: { elapsedMs: 0, durationMs: event.run.params ? event.run.params.durationS * 1000 : 0 },
        tasks: [],
        metrics: null,
        memory: { spaces: {}, tasks: {} },
        ended: null,
        verdict: null,
        coreHistory: [],
        // A run announced again (reconnect, replay) keeps its notes; a new run starts without.
        annotations: sameRun ? state.annotations : [],
      };
    }
    case 'task': {
      const i = state.tasks.findIndex((t) => t.id === event.task.id);
      const tasks = i < 0 ? [...state.tasks, event.task] : state.tasks.map((t, j) => (j === i ? event.task : t));
      return { ...state, tasks };
    }
    // Progress and wall time are one clock for the reader: neither may lag the other.
    case 'progress':
      return { ...state, progress: { elapsedMs: Math.max(event.elapsedMs, state.metrics?.wallMs ?? 0), durationMs: event.durationMs } };
    case 'metrics':
      return {
        ...state,
        metrics: event.metrics,
        progress: state.progress ? { ...state.progress, elapsedMs: Math.max(state.progress.elapsedMs, event.metrics.wallMs) } : state.progress,
      };
    case 'memory': {
      const spaces = { ...state.memory.spaces };
      const tasks = { ...state.memory.tasks };
      for (const s of event.samples) {
        if (s.taskId) tasks[s.taskId] = s;
        // A process that has just exited reads as 0 B: keep its last size, which is what it cost.
        else if (s.rssBytes > 0 || !spaces[s.addressSpace]) spaces[s.addressSpace] = s;
      }
      return { ...state, memory: { spaces, tasks } };
    }
    case 'run-ended': {
      const metrics = event.metrics ?? state.metrics;
      const history = [...state.history];
      const record = state.run && state.run.runId === event.runId && event.reason !== 'failed' ? runRecordFor(state.run, state.tasks, metrics) : null;
      if (record) history.push(record);
      const presetRun =
        state.presetRun && state.run?.runId === event.runId
          ? { ...state.presetRun, earlier: [...state.presetRun.earlier, { index: state.presetRun.index, workers: describeWorkers(state.tasks), reason: event.reason }].slice(-40) }
          : state.presetRun;
      const progress = state.progress && metrics ? { ...state.progress, elapsedMs: Math.max(state.progress.elapsedMs, metrics.wallMs) } : state.progress;
      // A traced program's run.command now says where it ran and how it ended (exit status, output tails).
      const run = event.command && state.run?.runId === event.runId ? { ...state.run, command: event.command } : state.run;
      return { ...state, run, status: 'ended', metrics, ended: { reason: event.reason, metrics }, progress, history, presetRun };
    }
    case 'verdict': {
      // Either version: a trace saved before verdict v2 still shows its verdict.
      const verdict = readVerdict(event.verdict, state.machine?.logicalCores);
      if (!verdict) return { ...state, verdict: null, errors: [...state.errors, 'The run returned a verdict this page cannot read; the numbers are in the summary.'] };
      return { ...state, verdict, verdicts: appendVerdict(state.verdicts, event.runId, verdict), sweepPoints: sweepPointsOf(verdict) ?? state.sweepPoints };
    }
    case 'error':
      return { ...state, errors: [...state.errors.slice(-4), event.message] };
    case 'segments':
    case 'revised-segments':
    case 'markers':
    case 'menu':
    case 'trace-file':
    case 'room': // the exercise panel follows the room itself (room-client.ts)
    case 'exercises-changed':
      return state;
  }
}

export function pushCoreHistory(state: RunState, shares: number[]): RunState {
  const coreHistory = shares.map((s, c) => [...(state.coreHistory[c] ?? []), s].slice(-HISTORY_LENGTH));
  return { ...state, coreHistory };
}
