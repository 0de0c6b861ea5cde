import { SESSION_TRACES_KEPT, type Trace } from '../../shared';
import type { WholeRun } from '../engine/recording';

interface Shelved {
  trace: Trace;
  /** The run outgrew memory: `trace` is its recent window, the whole run is in this file. */
  wholeRun: WholeRun | null;
}

/**
 * The session's recent finished traces, newest last. A page lists the runs
 * from the events it saw and fetches a whole trace only when the user asks to
 * see or compare it, so no page (nor twenty viewers) downloads every run.
 */
export class TraceShelf {
  private readonly traces: Shelved[] = [];

  constructor(private readonly limits = SESSION_TRACES_KEPT) {}

  /** Keeps a trace; the same run again replaces it and keeps the file it spilled to unless a new one is given (a preset adds its verdict). */
  put(trace: Trace, wholeRun?: WholeRun | null): void {
    const i = this.traces.findIndex((t) => t.trace.run.runId === trace.run.runId);
    const kept = i >= 0 ? this.traces.splice(i, 1)[0]!.wholeRun : null;
    this.traces.push({ trace, wholeRun: wholeRun === undefined ? kept : wholeRun });
    let segments = this.traces.reduce((a, t) => a + t.trace.segments.length, 0);
    while (this.traces.length > 1 && (this.traces.length > this.limits.runs || segments > this.limits.segments)) segments -= this.traces.shift()!.trace.segments.length;
  }

  /** The last trace as kept in memory (a spilled run's recent window). */
  get last(): Trace | null {
    return this.traces.at(-1)?.trace ?? null;
  }

  get(runId: string): Trace | null {
    return this.traces.find((t) => t.trace.run.runId === runId)?.trace ?? null;
  }

  /**
   * A run whole: the trace in memory, or, for a run that outgrew memory, read
   * back from its file (its verdict laid over). When the file cannot be read
   * (removed, past the reader's limits) the recent window, with a first
   * marker that says why it is not the whole run. The last run when no id.
   */
  async whole(runId?: string): Promise<Trace | null> {
    const entry = runId === undefined ? this.traces.at(-1) : this.traces.find((t) => t.trace.run.runId === runId);
    if (!entry) return null;
    const { trace, wholeRun } = entry;
    if (!wholeRun) return trace;
    try {
      const read = await wholeRun.read();
      return trace.verdict ? { ...read, verdict: trace.verdict } : read;
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      const text = `Only the recent part of this run is here: the whole run could not be read back from ${wholeRun.file} (${why})`;
      return { ...trace, markers: [{ tMs: 0, kind: 'error', taskId: null, text }, ...trace.markers] };
    }
  }
}
