import { RunParamsSchema, type BridgeEvent, type Disposer, type RunParams, type Trace, type WorkerKind } from '../../../src/shared';
import type { Engine, Measurement, RunEndReason, RunObserver, Session } from '../../../src/main/engine/session-api';
import { MACHINE, makeTrace } from './fixtures';

/**
 * A stand-in engine for unit tests of the bridge's own logic (validation,
 * one-run rule, event forwarding). It keeps the engine's contract: every run
 * says run-started when it starts and exactly one run-ended, to every
 * observer, with the trace handed over just before run-ended. The real engine
 * is exercised by the integration tests under test/integration/bridge and
 * test/integration/web.
 */
export class FakeSession implements Session {
  readonly params: RunParams;
  readonly done: Promise<Trace>;
  private finish!: (trace: Trace) => void;
  private fail!: (error: Error) => void;
  private readonly listeners = new Set<(e: BridgeEvent) => void>();
  private workers: string[] = [];
  private over = false;
  stopped = false;

  constructor(
    readonly runId: string,
    params: Partial<RunParams>,
    private readonly observer: RunObserver,
    scenarioId: string | null = null,
  ) {
    this.params = RunParamsSchema.parse(params);
    this.workers = Array.from({ length: this.params.workers }, (_, i) => `${runId}-w${i}`);
    this.done = new Promise<Trace>((resolve, reject) => {
      this.finish = resolve;
      this.fail = reject;
    });
    this.done.catch(() => undefined);
    this.emit({ type: 'run-started', run: { runId, scenarioId, params: this.params, startedAt: '2026-01-01T00:00:00.000Z', wallMs: 0 }, machine: MACHINE });
  }
  emit(event: BridgeEvent): void {
    this.observer.onEvent(event);
    for (const l of this.listeners) l(event);
  }
  subscribe(listener: (e: BridgeEvent) => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
  async addWorker(_kind?: WorkerKind | null) {
    const id = `${this.runId}-w${this.workers.length}`;
    this.workers.push(id);
    return id;
  }
  async removeWorker(taskId?: string | null) {
    const id = taskId ?? this.workers.at(-1) ?? null;
    this.workers = this.workers.filter((w) => w !== id);
    return id;
  }
  /** Ends the run as the engine does: the trace to the observer, then run-ended, then done. */
  end(reason: RunEndReason): Trace {
    const trace = makeTrace(this.runId);
    if (this.over) return trace;
    this.over = true;
    this.observer.onTrace?.(trace);
    this.emit({ type: 'run-ended', runId: this.runId, reason, metrics: null });
    this.finish(trace);
    return trace;
  }
  /** Fails the run as the engine does: an error event, run-ended "failed", then done rejects. */
  crash(message: string): void {
    if (this.over) return;
    this.over = true;
    this.emit({ type: 'error', message: `The run failed: ${message}`, runId: this.runId });
    this.emit({ type: 'run-ended', runId: this.runId, reason: 'failed', metrics: null });
    this.fail(new Error(message));
  }
  async stop() {
    if (!this.stopped) {
      this.stopped = true;
      this.end('stopped');
    }
    return this.done;
  }
  misbehave(): void {}
}

export class FakeEngine implements Engine {
  sessions: FakeSession[] = [];
  failNextStart: string | null = null;
  disposed = false;
  private readonly observers = new Set<RunObserver>();
  private readonly fanOut: RunObserver = {
    onEvent: (e) => this.observers.forEach((o) => o.onEvent(e)),
    onTrace: (t) => this.observers.forEach((o) => o.onTrace?.(t)),
  };
  async machine() {
    return MACHINE;
  }
  async startRun(params: Partial<RunParams>, scenarioId: string | null = null) {
    if (this.failNextStart) {
      const message = this.failNextStart;
      this.failNextStart = null;
      throw new Error(message);
    }
    const session = new FakeSession(`run-${this.sessions.length + 1}`, params, this.fanOut, scenarioId);
    this.sessions.push(session);
    return session;
  }
  startMeasurement(scenarioId: string, params: Partial<RunParams>): Measurement {
    const runId = `${scenarioId}-m${this.sessions.length + 1}`;
    let over = false;
    const end = (event: BridgeEvent[]) => {
      if (over) return;
      over = true;
      event.forEach((e) => this.fanOut.onEvent(e));
    };
    this.fanOut.onEvent({ type: 'run-started', run: { runId, scenarioId, params: RunParamsSchema.parse(params), startedAt: '2026-01-01T00:00:00.000Z', wallMs: 0 }, machine: MACHINE });
    return {
      runId,
      end: (reason) => end([{ type: 'run-ended', runId, reason, metrics: null }]),
      fail: (error, what) => end([
        { type: 'error', message: `${what} failed: ${error instanceof Error ? error.message : String(error)}`, runId },
        { type: 'run-ended', runId, reason: 'failed', metrics: null },
      ]),
    };
  }
  observe(observer: RunObserver): Disposer {
    this.observers.add(observer);
    return () => void this.observers.delete(observer);
  }
  async dispose() {
    this.disposed = true;
    await Promise.all(this.sessions.map((s) => s.stop()));
  }
}
