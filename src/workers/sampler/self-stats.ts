import type { SamplerStats } from '../../shared';

/** The sampler measuring itself: rate, gaps and its own CPU time. Pure. */
export class SelfStats {
  private samples = 0;
  private firstMs: number | null = null;
  private lastMs: number | null = null;
  private gaps = 0;
  private maxGapMs = 0;
  private cpuStartNs: number | null = null;
  private cpuEndNs: number | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly source: string,
  ) {}

  sampled(tMs: number, ownOnCpuNs: number | null): void {
    this.samples++;
    if (this.lastMs !== null) {
      const gap = tMs - this.lastMs;
      if (gap > 3 * this.intervalMs) this.gaps++;
      if (gap > this.maxGapMs) this.maxGapMs = gap;
    } else {
      this.firstMs = tMs;
    }
    this.lastMs = tMs;
    if (ownOnCpuNs !== null) {
      this.cpuStartNs ??= ownOnCpuNs;
      this.cpuEndNs = ownOnCpuNs;
    }
  }

  result(): SamplerStats {
    const spanMs = this.firstMs !== null && this.lastMs !== null ? this.lastMs - this.firstMs : 0;
    const cpuNs = this.cpuStartNs !== null && this.cpuEndNs !== null ? this.cpuEndNs - this.cpuStartNs : 0;
    return {
      intervalMs: this.intervalMs,
      samples: this.samples,
      rateHz: spanMs > 0 ? ((this.samples - 1) * 1000) / spanMs : 0,
      cpuPercent: spanMs > 0 ? (cpuNs / 1e6 / spanMs) * 100 : 0,
      gaps: this.gaps,
      maxGapMs: this.maxGapMs,
      source: this.source,
    };
  }
}
