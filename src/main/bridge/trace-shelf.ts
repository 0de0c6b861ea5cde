import { SESSION_TRACES_KEPT, type Trace } from '../../shared';

/**
 * The session's recent finished traces, newest last. A page lists the runs
 * from the events it saw and fetches a whole trace only when the user asks to
 * see or compare it, so no page (nor twenty viewers) downloads every run.
 */
export class TraceShelf {
  private readonly traces: Trace[] = [];

  constructor(private readonly limits = SESSION_TRACES_KEPT) {}

  put(trace: Trace): void {
    const i = this.traces.findIndex((t) => t.run.runId === trace.run.runId);
    if (i >= 0) this.traces.splice(i, 1);
    this.traces.push(trace);
    let segments = this.traces.reduce((a, t) => a + t.segments.length, 0);
    while (this.traces.length > 1 && (this.traces.length > this.limits.runs || segments > this.limits.segments)) segments -= this.traces.shift()!.segments.length;
  }

  get last(): Trace | null {
    return this.traces.at(-1) ?? null;
  }

  get(runId: string): Trace | null {
    return this.traces.find((t) => t.run.runId === runId) ?? null;
  }
}
