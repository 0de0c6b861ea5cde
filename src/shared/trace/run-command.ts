import { z } from 'zod';
import { LIMITS } from '../scenario/limits';
import { SOURCE_CHOICES, type SourceChoice } from '../sampling/source';
import { CommandOutcomeSchema } from './command-outcome';

/** Bounds on the command line a trace file keeps (a longer one is cut and says so). */
export const RUN_COMMAND_LIMITS = { maxItems: 1024, maxItemChars: 4096 } as const;

/**
 * What `corelanes trace` (and "Run my own program") ran: the program's argv as
 * given (no shell) and the sampling interval asked for. A traced command has
 * no kind, workload or worker count, so such a run has this instead of params.
 */
export const RunCommandSchema = z
  .object({
    argv: z.array(z.string().max(RUN_COMMAND_LIMITS.maxItemChars)).min(1).max(RUN_COMMAND_LIMITS.maxItems),
    /** true when argv was longer (more items or longer items) than the limits and was cut to them. */
    truncated: z.boolean().optional(),
    /** The sampler interval asked for, ms. */
    intervalMs: z.number().min(LIMITS.minIntervalMs).max(LIMITS.maxIntervalMs),
    /** The scheduling source asked for (absent in older traces: auto). */
    source: z.enum(SOURCE_CHOICES).optional(),
    /** The working directory the program ran in (relative paths resolve against it); absent in older traces. */
    cwd: z.string().max(4096).optional(),
    /** How it ended: exit status and output tails (absent in older traces, and while it runs). */
    outcome: CommandOutcomeSchema.optional(),
  })
  .strict();
export type RunCommand = z.infer<typeof RunCommandSchema>;

/** A command line as a trace file keeps it: within the limits, marked truncated when it had to be cut. Pure. */
export function runCommandOf(argv: readonly string[], intervalMs: number, source: SourceChoice = 'auto', cwd?: string): RunCommand {
  const kept = argv.slice(0, RUN_COMMAND_LIMITS.maxItems).map((a) => a.slice(0, RUN_COMMAND_LIMITS.maxItemChars));
  const truncated = kept.length < argv.length || kept.some((a, i) => a.length < argv[i]!.length);
  const where = cwd === undefined ? {} : { cwd: cwd.slice(0, 4096) };
  return truncated ? { argv: kept, truncated, intervalMs, source, ...where } : { argv: kept, intervalMs, source, ...where };
}
