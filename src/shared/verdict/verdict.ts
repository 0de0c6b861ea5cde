import { z } from 'zod';
import { VerdictChartSchema } from './chart';

/**
 * The end of a preset run (version 2): the claim, a plain answer, one
 * sentence saying why, a few labelled numbers and charts to show, every
 * measured number, how busy the machine was and how often it was measured.
 * Version 1 verdicts (in older trace files) are read by `readVerdict`.
 */

export const VERDICT_STATUSES = ['supported', 'partly', 'not-supported', 'inconclusive'] as const;
export const VerdictStatusSchema = z.enum(VERDICT_STATUSES);
export type VerdictStatus = z.infer<typeof VerdictStatusSchema>;

export const MAX_VERDICT_NUMBERS = 6;
export const MAX_VERDICT_CHARTS = 3;

/** One number to show: a stable key, words for people, the value and its unit ('ms', 'us', 'bytes', 'cores', 'x', '%', '' ...). */
export const VerdictNumberSchema = z.object({
  key: z.string().min(1).max(64),
  label: z.string().min(1).max(80),
  value: z.number().finite(),
  unit: z.string().max(16),
});
export type VerdictNumber = z.infer<typeof VerdictNumberSchema>;

/**
 * How busy the machine was while the preset measured. `otherCores`: cores'
 * worth of CPU other programs used on average (from /proc/stat, minus
 * Corelanes' own process tree); `baselineCores`: how many cores two bare busy
 * loops got in the same preset (null where the preset needs none). Null when
 * the OS does not say.
 */
export const MachineLoadSchema = z.object({
  cores: z.number().int().positive(),
  otherCores: z.number().finite().nonnegative().nullable(),
  baselineCores: z.number().finite().nonnegative().nullable(),
});
export type MachineLoad = z.infer<typeof MachineLoadSchema>;

/** How many times the preset measured, and the median of each repeated quantity. */
export const RepeatsSchema = z.object({
  n: z.number().int().nonnegative(),
  medians: z.record(z.string().max(64), z.number().finite()),
});
export type Repeats = z.infer<typeof RepeatsSchema>;

export const VerdictSchema = z.object({
  version: z.literal(2),
  presetId: z.string().max(64),
  claim: z.string().max(500),
  status: VerdictStatusSchema,
  /** One plain sentence: why, with the deciding numbers. */
  explanation: z.string().min(1).max(600),
  numbers: z.array(VerdictNumberSchema).max(MAX_VERDICT_NUMBERS),
  charts: z.array(VerdictChartSchema).max(MAX_VERDICT_CHARTS),
  /** Every measured number, by key (one click away in the UI; `--json` for scripts). */
  raw: z.record(z.string().max(64), z.number()),
  machine: MachineLoadSchema,
  repeats: RepeatsSchema,
});
export type Verdict = z.infer<typeof VerdictSchema>;

/** Version 1 (before 2026-11-30): supported true/false/'partly', a record of numbers, a free-form summary. */
export const VerdictV1Schema = z.object({
  presetId: z.string().max(64),
  claim: z.string().max(500),
  supported: z.union([z.boolean(), z.literal('partly')]),
  numbers: z.record(z.string().max(64), z.number()),
  summary: z.string().max(2000),
});
export type VerdictV1 = z.infer<typeof VerdictV1Schema>;
