import { z } from 'zod';
import { LIMITS } from '../scenario/limits';
import { IntervalMsSchema } from '../scenario/schema';
import { SOURCE_CHOICES } from '../sampling/source';

/** Bounds on a command the page asks Corelanes to trace ("Run my own program"). */
export const TRACE_ARGV_LIMITS = { maxItems: 64, maxItemChars: 4096 } as const;

const ArgSchema = z
  .string()
  .min(1, 'an argument must not be empty')
  .max(TRACE_ARGV_LIMITS.maxItemChars, `an argument must be at most ${TRACE_ARGV_LIMITS.maxItemChars} characters`)
  // The OS cannot pass a NUL inside an argument; refuse it here with a clear message instead of a spawn error.
  .refine((arg) => !arg.includes('\0'), 'an argument must not contain a NUL character');

/** `traceCommand` arguments: the program and its arguments (no shell), an optional time limit and sampling interval. */
export const TraceCommandArgsSchema = z
  .object({
    argv: z.array(ArgSchema).min(1, 'name the program to run').max(TRACE_ARGV_LIMITS.maxItems, `at most ${TRACE_ARGV_LIMITS.maxItems} arguments`),
    /** Stop the program (and its whole tree) after this long; default: LIMITS.maxDurationS. */
    maxDurationS: z.number().positive('the time limit must be positive').max(LIMITS.maxDurationS, `the time limit must be at most ${LIMITS.maxDurationS} s`).nullable().optional(),
    intervalMs: IntervalMsSchema.optional(),
    /** Scheduling source: auto (default), exact or proc. */
    source: z.enum(SOURCE_CHOICES).optional(),
    /** The working directory (relative paths in argv start there); default: where Corelanes was started (traceDefaults). */
    cwd: z.string().min(1).max(4096).refine((d) => !d.includes('\0'), 'a folder name must not contain a NUL character').optional(),
  })
  .strict();
export type TraceCommandArgs = z.infer<typeof TraceCommandArgsSchema>;
