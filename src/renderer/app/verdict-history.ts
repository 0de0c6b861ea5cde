import type { Verdict } from '../../shared';

/** One verdict of this page's session, with the run it closed. */
export interface VerdictRecord {
  runId: string;
  verdict: Verdict;
}

export const VERDICT_HISTORY_LENGTH = 10;

/**
 * The session's verdicts, newest last, at most VERDICT_HISTORY_LENGTH. The
 * same run's verdict again (a replay after a reconnect) replaces it rather
 * than adding a copy.
 */
export function appendVerdict(history: readonly VerdictRecord[], runId: string, verdict: Verdict): VerdictRecord[] {
  return [...history.filter((r) => r.runId !== runId), { runId, verdict }].slice(-VERDICT_HISTORY_LENGTH);
}

/** Toggles a run in a selection of at most two (the oldest pick drops out for a third). */
export function toggleCompared(selected: readonly string[], runId: string): string[] {
  if (selected.includes(runId)) return selected.filter((id) => id !== runId);
  return [...selected, runId].slice(-2);
}
