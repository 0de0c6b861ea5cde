import { RunParamsSchema, type BridgeEvent, type RunParams, type Trace, type WorkerKind } from '../../../src/shared';
import type { Engine, Session } from '../../../src/main/engine/session-api';
import { MACHINE, makeTrace } from './fixtures';

/**
 * A stand-in engine for unit tests of the bridge's own logic (validation,
 * one-run rule, event forwarding). The real engine is exercised by the
 * integration tests under test/integration/bridge and test/integration/web.
 */
export class FakeSession implements Session {
  readonly params: RunParams;
  readonly done: Promise<Trace>;
  private finish!: (trace: Trace) => void;
  private fail!: (error: Error) => void;
  private readonly listeners = new Set<(e: BridgeEvent) => void>();
  private workers: string[] = [];
  stopped = false;

  constructor(
    readonly runId: string,
    params: Partial<RunParams>,
  ) {
    this.params = RunParamsSchema.parse(params);
    this.workers = Array.from({ length: this.params.workers }, (_, i) => `${runId}-w${i}`);
    this.done = new Promise<Trace>((resolve, reject) => {
      this.finish = resolve;
      this.fail = reject;
    });
  }
  emit(event: BridgeEvent): void {
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
  /** Ends the run as the engine would: run-ended first, then done. */
  end(reason: 'finished' | 'stopped', sayRunEnded = true): Trace {
    const trace = makeTrace(this.runId);
    if (sayRunEnded) this.emit({ type: 'run-ended', runId: this.runId, reason, metrics: null });
    this.finish(trace);
    return trace;
  }
  crash(message: string): void {
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
  async machine() {
    return MACHINE;
  }
  async startRun(params: Partial<RunParams>) {
    if (this.failNextStart) {
      const message = this.failNextStart;
      this.failNextStart = null;
      throw new Error(message);
    }
    const session = new FakeSession(`run-${this.sessions.length + 1}`, params);
    this.sessions.push(session);
    return session;
  }
  async dispose() {
    this.disposed = true;
    await Promise.all(this.sessions.map((s) => s.stop()));
  }
}
