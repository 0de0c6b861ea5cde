/**
 * The /proc sampler's CPU budget (docs/sampling.md, "A CPU budget, not a fixed
 * rate"). Pure: fed the sampler's own on-CPU ns and its sample count at batch
 * times, it picks the interval for the next samples so the sampler's own CPU
 * stays within `budgetPercent` of a core. The requested interval is the finest
 * it uses, `coarsestMs` the coarsest (well under the 20 ms that counts as a
 * coverage gap); when even that costs more than the budget, the cost is what it is.
 *
 * Model: a sample costs about the same wherever it is taken (a wake-up plus
 * the reads), so the interval that spends AIM of the budget is the measured
 * cost per sample over AIM x budget; a sample does cost more at coarser
 * intervals (colder caches), so over the budget it moves again on the next
 * window. CPU spent over the budget (the first 50 ms at the finest rate) is
 * paid back within about a second, so the run's whole cost stays within it.
 * Hysteresis: it moves only when the measured share leaves [LOW_WATER, 1] x
 * budget, so it settles instead of chasing noise; it coarsens at once and
 * refines only with margin.
 */

import { PROC_COARSEST_INTERVAL_MS } from '../../shared/sampling/source-choices';

export interface IntervalBudgetOptions {
  /** The interval the run asked for: the finest one used. */
  finestMs: number;
  /** The coarsest interval used (default 8 ms). */
  coarsestMs?: number;
  /** The sampler's own CPU budget, % of one core. */
  budgetPercent: number;
}

/** The first decision comes early (start-up runs at the finest rate), later ones every WINDOW_MS. */
const FIRST_WINDOW_MS = 50;
const WINDOW_MS = 100;
/** Fewer samples than this in a window say too little about the cost of one. */
const MIN_SAMPLES = 5;
/** After a move, spend this share of the ceiling (room for noise below it). */
const AIM = 0.85;
/** Refine only when the measured share fell below this share of the budget. */
const LOW_WATER = 0.7;
/** Smoothing of the cost per sample across windows within budget (weight of the newest). */
const NEWEST_WEIGHT = 0.5;
/** CPU spent over the budget so far (the start-up at the finest rate) is paid back over about this long. */
const PAYBACK_MS = 1000;
export const DEFAULT_COARSEST_MS = PROC_COARSEST_INTERVAL_MS;

export class IntervalBudget {
  readonly finestMs: number;
  readonly coarsestMs: number;
  private readonly budget: number;
  private current: number;
  private costMs: number | null = null;
  private start: { ms: number; ns: number } | null = null;
  private window: { ms: number; ns: number; samples: number } | null = null;

  constructor(opts: IntervalBudgetOptions) {
    if (!(opts.budgetPercent > 0)) throw new Error(`budgetPercent must be > 0, got ${opts.budgetPercent}`);
    this.finestMs = opts.finestMs;
    this.coarsestMs = Math.max(opts.finestMs, opts.coarsestMs ?? DEFAULT_COARSEST_MS);
    this.budget = opts.budgetPercent / 100;
    this.current = this.finestMs;
  }

  get intervalMs(): number {
    return this.current;
  }

  /** Own on-CPU ns and samples taken so far, at monotonic nowMs; returns the interval to use from now on. */
  observe(nowMs: number, ownCpuNs: number, samples: number): number {
    const w = this.window;
    if (w === null || this.start === null) {
      this.start = { ms: nowMs, ns: ownCpuNs };
      this.window = { ms: nowMs, ns: ownCpuNs, samples };
      return this.current;
    }
    const spanMs = nowMs - w.ms;
    const n = samples - w.samples;
    if (spanMs < (this.costMs === null ? FIRST_WINDOW_MS : WINDOW_MS) || n < MIN_SAMPLES) return this.current;
    const cpuMs = Math.max(0, ownCpuNs - w.ns) / 1e6;
    this.window = { ms: nowMs, ns: ownCpuNs, samples };
    const share = cpuMs / spanMs;
    const perSample = cpuMs / n;
    // Over the budget, the newest cost counts alone (a sample costs more at a coarser interval: colder caches).
    this.costMs = this.costMs === null || share > this.budget ? perSample : NEWEST_WEIGHT * perSample + (1 - NEWEST_WEIGHT) * this.costMs;
    // A budget, not a rate: what was spent over it so far lowers the ceiling until it is paid back.
    const debtMs = (ownCpuNs - this.start.ns) / 1e6 - this.budget * (nowMs - this.start.ms);
    const ceiling = Math.max(0.5 * this.budget, this.budget - Math.max(0, debtMs) / PAYBACK_MS);
    if (share > ceiling && this.current < this.coarsestMs) {
      this.current = Math.max(this.current, this.clamp(this.costMs / (AIM * ceiling)));
    } else if (share < LOW_WATER * this.budget && debtMs <= 0 && this.current > this.finestMs) {
      this.current = Math.min(this.current, this.clamp(this.costMs / (AIM * this.budget)));
    }
    return this.current;
  }

  private clamp(ms: number): number {
    // Tenths of a ms: steadier numbers, no effect on the cost.
    const tidy = Math.round(ms * 10) / 10;
    return Math.min(this.coarsestMs, Math.max(this.finestMs, tidy));
  }
}
