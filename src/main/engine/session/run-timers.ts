import { monoMs } from '../../../node/clock';
import { unitsDone, type SessionState } from './session-state';

/**
 * A session's clocks: progress (10 Hz), live metrics, and the duration. The
 * duration is the workload's: it starts once the first workers are up (or
 * gone), so slow spawns do not eat into it; the wall time still counts them.
 */
export class RunTimers {
  private readonly durationMs: number;
  private durationArmedMono: number | null = null;
  private durationTimer: ReturnType<typeof setTimeout> | null = null;
  private metricsTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly progressTimer: ReturnType<typeof setInterval>;
  private stopped = false;

  constructor(private readonly s: SessionState) {
    this.durationMs = s.params.durationS * 1000;
    this.progressTimer = setInterval(() => this.sendProgress(), s.timing.progressMs);
    this.scheduleLiveMetrics(s.timing.liveMetricsMs);
  }

  /** Workload time so far: 0 until the duration is armed, at most the duration. */
  elapsedMs(): number {
    return this.durationArmedMono === null ? 0 : Math.min(this.durationMs, monoMs() - this.durationArmedMono);
  }

  sendProgress(): void {
    this.s.run.emit({ type: 'progress', runId: this.s.runId, elapsedMs: this.elapsedMs(), durationMs: this.durationMs });
  }

  /** Arms the duration once every initial worker said hello or is gone (the spawn phase is over). */
  armWhenUp(allUp: Promise<void>): void {
    void allUp.then(() => {
      if (this.durationTimer || this.s.ending || this.stopped) return;
      this.durationArmedMono = monoMs();
      this.durationTimer = setTimeout(() => void this.s.end('finished'), this.durationMs);
    });
  }

  stop(): void {
    this.stopped = true;
    if (this.durationTimer) clearTimeout(this.durationTimer);
    clearInterval(this.progressTimer);
    if (this.metricsTimer) clearTimeout(this.metricsTimer);
  }

  /**
   * Live metrics walk every segment so far: on a long, busy run that grows, so
   * the next computation waits 50x as long as the last one took (<= 2% of the main thread).
   */
  private scheduleLiveMetrics(delayMs: number): void {
    this.metricsTimer = setTimeout(() => {
      if (this.s.ending || this.stopped) return;
      const t0 = monoMs();
      this.s.run.emit({ type: 'metrics', runId: this.s.runId, metrics: this.s.run.metrics(this.s.run.relMs(t0), unitsDone(this.s)) });
      this.scheduleLiveMetrics(Math.max(this.s.timing.liveMetricsMs, 50 * (monoMs() - t0)));
    }, delayMs);
  }
}
