import type { SamplerStats, SourceChoice, SourceRefusal } from '../../shared';

/** A pause between two /proc samples longer than this is time the lanes did not see (coverage). */
export const COVERAGE_GAP_MS = 20;

/** The sampler measuring itself: rate, gaps, coverage and its own CPU time. Pure. */
export class SelfStats {
  private samples = 0;
  private taskReads = 0;
  private firstMs: number | null = null;
  private lastMs: number | null = null;
  private gaps = 0;
  private maxGapMs = 0;
  /** Time inside pauses longer than COVERAGE_GAP_MS (and longer than 3 intervals). */
  private uncoveredMs = 0;
  private cpuStartNs: number | null = null;
  private cpuEndNs: number | null = null;
  private cpuStartMs = 0;
  private cpuEndMs = 0;

  private records: { records: number; lostRecords: number } | null = null;
  /** The interval in use now and at the previous sample: a gap is measured against the longer of the two. */
  private currentIntervalMs: number;
  private intervalAtLastMs: number;
  private budget: { cpuBudgetPercent: number; coarsestIntervalMs: number } | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly source: string,
    /** What the run asked for and, when auto fell back, why exact was refused. */
    private readonly choice: { requested?: SourceChoice; refusal?: SourceRefusal | null } = {},
  ) {
    this.currentIntervalMs = intervalMs;
    this.intervalAtLastMs = intervalMs;
  }

  /** /proc with a CPU budget: the budget, and the coarsest interval it may use. */
  budgeted(cpuBudgetPercent: number, coarsestIntervalMs: number): void {
    this.budget = { cpuBudgetPercent, coarsestIntervalMs };
  }

  /** The interval the loop uses from now on (the budget moved it). */
  interval(ms: number): void {
    this.currentIntervalMs = ms;
  }

  /** Exact source: switch records read so far, and records the kernel dropped. */
  recordCounts(records: number, lostRecords: number): void {
    this.records = { records, lostRecords };
  }

  /** One task read (for taskReadsPerSecond). */
  read(): void {
    this.taskReads++;
  }

  /** A sample at tMs; ownOnCpuNs when read (the own CPU is read at batch times, not every sample). */
  sampled(tMs: number, ownOnCpuNs: number | null, isSample = true): void {
    if (ownOnCpuNs !== null) {
      if (this.cpuStartNs === null) {
        this.cpuStartNs = ownOnCpuNs;
        this.cpuStartMs = tMs;
      }
      this.cpuEndNs = ownOnCpuNs;
      this.cpuEndMs = tMs;
    }
    if (!isSample) return;
    this.samples++;
    if (this.lastMs !== null) {
      const gap = tMs - this.lastMs;
      const planned = Math.max(this.intervalAtLastMs, this.currentIntervalMs);
      if (gap > 3 * planned) this.gaps++;
      if (gap > Math.max(COVERAGE_GAP_MS, 3 * planned)) this.uncoveredMs += gap;
      if (gap > this.maxGapMs) this.maxGapMs = gap;
    } else {
      this.firstMs = tMs;
    }
    this.lastMs = tMs;
    this.intervalAtLastMs = this.currentIntervalMs;
  }

  result(): SamplerStats {
    const spanMs = this.firstMs !== null && this.lastMs !== null ? this.lastMs - this.firstMs : 0;
    const cpuNs = this.cpuStartNs !== null && this.cpuEndNs !== null ? this.cpuEndNs - this.cpuStartNs : 0;
    const cpuSpanMs = this.cpuEndMs - this.cpuStartMs;
    return {
      intervalMs: this.intervalMs,
      samples: this.samples,
      rateHz: spanMs > 0 ? ((this.samples - 1) * 1000) / spanMs : 0,
      cpuPercent: cpuSpanMs > 0 ? (cpuNs / 1e6 / cpuSpanMs) * 100 : 0,
      gaps: this.gaps,
      maxGapMs: this.maxGapMs,
      // Exact: the kernel records every switch between drains (a drain's pause hides nothing); lost records say what was missed.
      ...(this.source === 'exact' || spanMs <= 0 ? {} : { coverage: Math.max(0, 1 - this.uncoveredMs / spanMs) }),
      source: this.source,
      ...this.choice,
      ...this.records,
      ...this.budget,
      taskReadsPerSecond: spanMs > 0 ? (this.taskReads * 1000) / spanMs : 0,
    };
  }
}
