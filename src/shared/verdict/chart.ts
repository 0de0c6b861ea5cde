import { z } from 'zod';

/**
 * The small charts a verdict carries, as data (the renderer draws them with
 * d3; the CLI ignores them). One shape per kind of picture people would rather
 * look at than read.
 */

const Name = z.string().min(1).max(80);
const Unit = z.string().max(16);
const Value = z.number().finite();

export const AxisSchema = z.object({ label: Name, unit: Unit, log: z.boolean() });

/** Lines: e.g. cost against payload, log-log, one series per path. */
export const LinesChartSchema = z.object({
  type: z.literal('lines'),
  title: Name,
  x: AxisSchema,
  y: AxisSchema,
  series: z.array(z.object({ name: Name, points: z.array(z.object({ x: Value, y: Value })).max(64) })).min(1).max(8),
});

/** Bars against a reference value measured in the same run (e.g. what 2 bare busy loops got). */
export const BarsChartSchema = z.object({
  type: z.literal('bars'),
  title: Name,
  unit: Unit,
  bars: z.array(z.object({ label: Name, value: Value })).min(1).max(16),
  reference: z.object({ label: Name, value: Value }).nullable(),
});

/** Outcomes: one row per case (e.g. each crash), what happened and whether that is what the claim says. */
export const OutcomesChartSchema = z.object({
  type: z.literal('outcomes'),
  title: Name,
  cases: z
    .array(z.object({ label: Name, outcome: z.string().min(1).max(120), asClaimed: z.boolean() }))
    .min(1)
    .max(8),
});

export const VerdictChartSchema = z.discriminatedUnion('type', [LinesChartSchema, BarsChartSchema, OutcomesChartSchema]);
export type VerdictChart = z.infer<typeof VerdictChartSchema>;
export type LinesChart = z.infer<typeof LinesChartSchema>;
export type BarsChart = z.infer<typeof BarsChartSchema>;
export type OutcomesChart = z.infer<typeof OutcomesChartSchema>;
