import { z } from 'zod';

/** How much of each output stream a trace keeps: the last 64 KiB (what a program prints last says why it ended). */
export const OUTPUT_TAIL_BYTES = 64 * 1024;

/** The end of one output stream of a traced program. */
export const OutputTailSchema = z
  .object({
    /** The last OUTPUT_TAIL_BYTES bytes, decoded as UTF-8 (invalid bytes become U+FFFD; a character cut at the start is dropped). */
    text: z.string().max(OUTPUT_TAIL_BYTES),
    /** Every byte the program wrote to the stream. */
    bytes: z.number().int().nonnegative(),
    /** true when `text` is only the end of it. */
    truncated: z.boolean(),
  })
  .strict();
export type OutputTail = z.infer<typeof OutputTailSchema>;

/**
 * How a traced program ended (`corelanes trace`, "Run my own program"): its
 * exit code or the signal that ended it, and the tails of its stdout and
 * stderr. Versioned on its own (`version: 1`) inside the optional
 * `run.command.outcome`, so the trace's version is unchanged.
 */
export const CommandOutcomeSchema = z
  .object({
    version: z.literal(1),
    /** The exit code, null when a signal ended it. */
    exitCode: z.number().int().nullable(),
    /** The signal's name (SIGKILL, ...), null when it exited. */
    exitSignal: z.string().max(32).nullable(),
    stdout: OutputTailSchema,
    stderr: OutputTailSchema,
  })
  .strict();
export type CommandOutcome = z.infer<typeof CommandOutcomeSchema>;

/** One line: "exit code 0", "exit code 3", "killed by SIGKILL". Pure. */
export function exitText(o: Pick<CommandOutcome, 'exitCode' | 'exitSignal'>): string {
  if (o.exitSignal) return `killed by ${o.exitSignal}`;
  return o.exitCode === null ? 'exit status unknown' : `exit code ${o.exitCode}`;
}
