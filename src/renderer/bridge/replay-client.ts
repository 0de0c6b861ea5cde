import {
  readTraceText,
  type BridgeClient,
  type BridgeEvent,
  type CommandArgs,
  type CommandName,
  type CommandResult,
  type Disposer,
  type Trace,
} from '../../shared';
import { checkArgs } from './validate';
import { endReasonOf } from './end-reason';

export interface ReplayOptions {
  /** 1 = real time, 10 = ten times faster, Infinity = everything at once. */
  speed?: number;
  /** How often a batch goes out, ms of wall time (the engine batches every ~25 ms). */
  batchMs?: number;
}

/**
 * BridgeClient that replays a recorded trace as the live engine would stream
 * it (run-started, tasks, segment batches, progress, memory, run-ended). Used
 * to open a trace file, offline, and by tests.
 */
export class ReplayClient implements BridgeClient {
  private readonly listeners = new Set<(e: BridgeEvent) => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private trace: Trace;
  private readonly speed: number;
  private readonly batchMs: number;

  constructor(trace: Trace, options: ReplayOptions = {}) {
    this.trace = trace;
    this.speed = options.speed ?? 1;
    this.batchMs = options.batchMs ?? 40;
  }

  async invoke<N extends CommandName>(name: N, args: CommandArgs<N>): Promise<CommandResult<N>> {
    checkArgs(name, args);
    return this.handle(name, args) as CommandResult<N>;
  }

  subscribe(listener: (event: BridgeEvent) => void): Disposer {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts (or restarts) the replay. */
  play(): string {
    this.stop(false);
    const t = this.trace;
    this.emit({ type: 'run-started', run: t.run, machine: t.machine });
    for (const task of t.tasks) this.emit({ type: 'task', task });
    const segments = [...t.segments].sort((a, b) => a.endMs - b.endMs);
    const wallMs = Math.max(t.run.wallMs, segments.at(-1)?.endMs ?? 0);
    let next = 0;
    const emitUpTo = (ms: number) => {
      let end = next;
      while (end < segments.length && (segments[end]?.endMs ?? 0) <= ms) end++;
      if (end > next) this.emit({ type: 'segments', runId: t.run.runId, segments: segments.slice(next, end) });
      next = end;
      this.emit({ type: 'progress', runId: t.run.runId, elapsedMs: Math.min(ms, wallMs), durationMs: wallMs });
    };
    const finish = () => {
      emitUpTo(Infinity);
      if (t.markers.length) this.emit({ type: 'markers', runId: t.run.runId, markers: t.markers });
      if (t.memory.length) this.emit({ type: 'memory', runId: t.run.runId, samples: t.memory });
      this.emit({ type: 'run-ended', runId: t.run.runId, reason: endReasonOf(t), metrics: t.metrics });
      if (t.verdict !== undefined) this.emit({ type: 'verdict', runId: t.run.runId, verdict: t.verdict });
      this.timer = null;
    };
    if (!Number.isFinite(this.speed)) {
      finish();
      return t.run.runId;
    }
    const started = Date.now();
    const tick = () => {
      const ms = (Date.now() - started) * this.speed;
      if (ms >= wallMs) return finish();
      emitUpTo(ms);
      this.timer = setTimeout(tick, this.batchMs);
    };
    this.timer = setTimeout(tick, this.batchMs);
    return t.run.runId;
  }

  stop(announce = true): boolean {
    if (!this.timer) return false;
    clearTimeout(this.timer);
    this.timer = null;
    if (announce) this.emit({ type: 'run-ended', runId: this.trace.run.runId, reason: 'stopped', metrics: this.trace.metrics });
    return true;
  }

  private handle(name: CommandName, args: unknown): unknown {
    switch (name) {
      case 'listScenarios':
        return [
          {
            id: 'replay',
            title: `Replay of ${this.trace.run.scenarioId ?? this.trace.run.params?.workload ?? 'a traced command'}`,
            claim: null,
            params: this.trace.run.params ?? {},
            available: true,
            unavailableReason: null,
          },
        ];
      case 'machineInfo':
        return this.trace.machine;
      case 'startRun':
        return { runId: this.play() };
      case 'stopRun':
        return { stopped: this.stop() };
      case 'getTrace': {
        // One trace is all a replay has: asked for another run, it has none.
        const runId = (args as { runId?: string }).runId;
        return runId === undefined || runId === this.trace.run.runId ? this.trace : null;
      }
      case 'loadTrace': {
        const read = readTraceText((args as { text: string }).text);
        if (!read.ok) throw new Error(read.error);
        this.trace = read.trace;
        return this.trace;
      }
      default:
        throw new Error(`A replayed trace cannot ${name}; start a live run in the app or with \`corelanes web\`.`);
    }
  }

  private emit(event: BridgeEvent): void {
    for (const l of this.listeners) l(event);
  }
}
