/**
 * The scheduling sources, without zod: the sampler thread imports these at
 * startup (see ../sampler-orders.ts for why). docs/sampling.md:
 * - exact: the kernel's context-switch records (perf_event_open), every switch
 *   of every watched task with its CPU and time, from each task's birth;
 * - proc: /proc sampled at the run's interval (the fallback);
 * - auto: exact where the kernel allows it, else proc, saying why.
 */
export const SOURCE_CHOICES = ['auto', 'exact', 'proc'] as const;
export type SourceChoice = (typeof SOURCE_CHOICES)[number];

/** What a run used: exact or proc on Linux, portable elsewhere, off for benches that sample nothing. */
export const SOURCES_USED = ['exact', 'proc', 'portable', 'off'] as const;
export type SourceUsed = (typeof SOURCES_USED)[number];

/** The coarsest interval the /proc sampler's CPU budget may take (well under the 20 ms that counts as a coverage gap). */
export const PROC_COARSEST_INTERVAL_MS = 8;
