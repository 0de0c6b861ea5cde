/**
 * Starved or hung? A worker that has not spoken for a while is only hung if
 * it had the chance to speak: it ran, or it slept while CPUs sat idle (a
 * deadlock). Time in the run queue (an oversubscribed machine, the very thing
 * a run may be showing) never counts against it, nor does sleep while the
 * machine was saturated: then it may be waiting for a starved sibling thread
 * (a process's exit joins its helper threads). Pure, so the rule is
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
  /** Share of the machine's CPU time that was idle during the window (0-1); null where the OS does not say. */
  idleShare: number | null;
  /** The task has ended (a zombie, or gone): it is exiting, not hung; its exit is on its way. */
  exited: boolean;
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
  if (k.exited) return { hung: false, starved: false };
  const sleptMs = Math.max(0, k.windowMs - k.waitMs - k.onCpuMs);
  const idle = k.idleShare ?? 1;
  const offeredMs = k.onCpuMs + sleptMs * idle;
  if (offeredMs < f.graceMs - f.slackMs) return { hung: false, starved: true };
  const idleText = k.idleShare === null ? '' : ` (the machine ${Math.round(idle * 100)}% idle)`;
  return {
    hung: true,
    why: `no sign of life for ${ms(f.silentMs)}, in which it ran ${ms(k.onCpuMs)} on a CPU, slept ${ms(sleptMs)}${idleText} and waited ${ms(k.waitMs)} for a CPU`,
  };
}
