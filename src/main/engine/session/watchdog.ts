import type { Disposer } from '../../../shared';
import { monoMs } from '../../../node/clock';
import { liveWorkers, type SessionState } from './session-state';
import { killAsHung } from './worker-exits';

/** A running worker that stopped talking (no heartbeat, or no hello in time) is hung: kill it, the others go on. */
export function startWatchdog(s: SessionState): Disposer {
  const { hangGraceMs, spawnGraceMs } = s.timing;
  const timer = setInterval(() => {
    const now = monoMs();
    for (const w of liveWorkers(s)) {
      if (now - w.lastHeardMono <= (w.hello ? hangGraceMs : spawnGraceMs)) continue;
      s.run.mark({ tMs: s.run.relMs(now), kind: 'error', taskId: w.taskId, text: `no sign of life for ${Math.round(now - w.lastHeardMono)} ms: killed as hung` });
      killAsHung(s, w);
    }
  }, Math.min(250, hangGraceMs / 4));
  return () => clearInterval(timer);
}
