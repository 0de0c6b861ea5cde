import { z } from 'zod';

/** The end of a preset run: the claim, the measured numbers, and whether they support it. */
export const VerdictSchema = z.object({
  presetId: z.string().max(64),
  claim: z.string().max(500),
  /** 'partly' when the numbers support the claim only with the nuance stated in `summary`. */
  supported: z.union([z.boolean(), z.literal('partly')]),
  numbers: z.record(z.string().max(64), z.number()),
  summary: z.string().max(2000),
});
export type Verdict = z.infer<typeof VerdictSchema>;
