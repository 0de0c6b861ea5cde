import type { Disposer } from '../../../shared';
import { monoMs } from '../../../node/clock';
import { judgeSilence, type Judgement } from './hang-judge';
import { liveWorkers, type SessionState } from './session-state';
import { evidenceFor, machinePressure, type SilenceEvidence } from './silence-evidence';
import { killAsHung } from './worker-exits';
import type { WorkerRecord } from './worker-record';

const TICK_MS = 250;

/**
 * A running worker that stopped talking (no heartbeat, or no hello in time)
 * is killed as hung, but only if it had the chance to talk: a worker waiting
 * in the run queue of an oversubscribed machine is starved, not hung
 * (./hang-judge.ts). The marker says why it was judged hung.
 */
export function startWatchdog(s: SessionState): Disposer {
  const { hangGraceMs, spawnGraceMs } = s.timing;
  const tickMs = Math.min(TICK_MS, hangGraceMs / 4);
  const watched = new Map<WorkerRecord, { heardMono: number; evidence: SilenceEvidence }>();

  const judge = (w: WorkerRecord, now: number): Judgement => {
    let entry = watched.get(w);
    if (!entry) watched.set(w, (entry = { heardMono: Number.NaN, evidence: evidenceFor(s, w) }));
    if (entry.heardMono !== w.lastHeardMono) {
      entry.heardMono = w.lastHeardMono;
      entry.evidence.restart(now);
    }
    const graceMs = w.hello ? hangGraceMs : spawnGraceMs;
    const silentMs = now - w.lastHeardMono;
    if (silentMs <= graceMs) return { hung: false, starved: false };
    return judgeSilence({ silentMs, graceMs, slackMs: tickMs, kernel: entry.evidence.evidence(now), pressure: machinePressure() });
  };

  const timer = setInterval(() => {
    // A worker held for the spawn phase's end was asked nothing yet: not a suspect.
    const suspects = liveWorkers(s).filter((w) => !w.killedAsHung && !w.startHeld && judge(w, monoMs()).hung);
    if (suspects.length === 0) return;
    // Timers run before pending I/O: let the messages already waiting in the pipes arrive, then judge again.
    setImmediate(() => {
      for (const w of suspects) {
        if (w.gone || w.killedAsHung || w.startHeld) continue;
        const now = monoMs();
        const verdict = judge(w, now);
        if (!verdict.hung) continue;
        s.run.mark({ tMs: s.run.relMs(now), kind: 'error', taskId: w.taskId, text: `${verdict.why}: killed as hung` });
        killAsHung(s, w);
      }
    });
  }, tickMs);
  return () => clearInterval(timer);
}
