/**
 * Starved or hung? A worker that has not spoken for a while is only hung if
 * it had the chance to speak: it ran, or it slept while a CPU was there for
 * it. Time spent waiting in the run queue (an oversubscribed machine, the very
 * thing a run may be showing) never counts against it. Pure, so the rule is
 * unit tested with numbers rather than with a loaded machine.
 */

/** What the kernel says a task did since it was last heard from (schedstat deltas). */
export interface KernelEvidence {
  /** Time the evidence covers (from the snapshot taken when it was last heard, to now). */
  windowMs: number;
  /** On a CPU during the window. */
  onCpuMs: number;
  /** Runnable but waiting for a CPU during the window. */
  waitMs: number;
}

export interface SilenceFacts {
  /** Since the worker's last message (or its spawn request, or the stop request). */
  silentMs: number;
  graceMs: number;
  /** How far the evidence's window may start after the silence did (the watchdog's tick). */
  slackMs: number;
  /** null where the OS does not say (not Linux, task not known yet). */
  kernel: KernelEvidence | null;
  /** Runnable tasks per core (>= 1), to stretch the grace when the kernel does not say. */
  pressure: number;
}

export type Judgement = { hung: false; starved: boolean } | { hung: true; why: string };

const ms = (x: number) => `${Math.round(x)} ms`;

export function judgeSilence(f: SilenceFacts): Judgement {
  if (f.silentMs <= f.graceMs) return { hung: false, starved: false };
  if (f.kernel === null) {
    const grace = f.graceMs * Math.max(1, f.pressure);
    if (f.silentMs <= grace) return { hung: false, starved: true };
    return { hung: true, why: `no sign of life for ${ms(f.silentMs)} (grace ${ms(grace)} at ${f.pressure.toFixed(1)} runnable tasks per core; the OS does not say whether it ran)` };
  }
  const k = f.kernel;
  const offeredMs = Math.max(0, k.windowMs - k.waitMs);
  if (offeredMs < f.graceMs - f.slackMs) return { hung: false, starved: true };
  const sleptMs = Math.max(0, offeredMs - k.onCpuMs);
  return {
    hung: true,
    why: `no sign of life for ${ms(f.silentMs)}, while it ran ${ms(k.onCpuMs)} on a CPU and slept ${ms(sleptMs)} (it waited only ${ms(k.waitMs)} for a CPU)`,
  };
}
