import { monoMs } from '../../../node/clock';
import type { WorkerExit } from '../kinds/kind-driver';
import { describeExit, decideExitReason, isCrash } from './exit-reason';
import { liveWorkers, type SessionState } from './session-state';
import { judgeSilence } from './hang-judge';
import { evidenceFor, machinePressure } from './silence-evidence';
import type { WorkerRecord } from './worker-record';

/** A worker is gone: its task gets the exit reason, its extra tasks end with it, and a run of fixed work may be over. */
export function onWorkerExit(s: SessionState, w: WorkerRecord, exit: WorkerExit): void {
  if (w.gone) return;
  const now = monoMs();
  const reason = decideExitReason(exit, {
    killedAsHung: w.killedAsHung,
    removed: w.removed,
    stoppedByUser: s.stoppedByUser,
    saidDone: w.saidDone,
    reportedError: w.reportedError,
  });
  const task = s.run.task(w.taskId);
  s.sampler.untrack(w.taskId);
  for (const [, extraId] of w.extraTasks) endExtraTask(s, extraId, now);
  if (task) {
    const detail = `${describeExit(exit, reason, w.reportedError)}${w.hello ? '' : ' before its first instruction'}`.slice(0, 2000);
    s.run.putTask({ ...task, exitMs: s.run.relMs(now), exitReason: reason, exitDetail: detail });
    s.run.mark({ tMs: s.run.relMs(now), kind: isCrash(reason) ? 'crash' : 'exit', taskId: w.taskId, text: detail });
  }
  for (const d of w.disposers) d();
  w.markGone();
  if (!s.ending && s.params.workUnits !== null && s.pendingSpawns === 0 && liveWorkers(s).length === 0 && [...s.workers.values()].every((x) => x.saidDone)) {
    void s.end('finished');
  }
}

/** An extra OS task (e.g. a Python thread) that went away, or whose worker did. */
export function endExtraTask(s: SessionState, taskId: string, now: number): void {
  const task = s.run.task(taskId);
  if (!task || task.exitMs !== null) return;
  s.sampler.untrack(taskId);
  s.run.putTask({ ...task, exitMs: s.run.relMs(now), exitReason: 'exited', exitDetail: null });
  s.run.mark({ tMs: s.run.relMs(now), kind: 'exit', taskId, text: null });
}

/** Kills a worker that stopped answering; a kill the launcher never confirms still counts it gone after the grace. */
export function killAsHung(s: SessionState, w: WorkerRecord): void {
  if (w.gone || w.killedAsHung) return;
  w.killedAsHung = true;
  w.handle?.kill();
  const force = setTimeout(() => onWorkerExit(s, w, { code: null, signal: null, error: null }), s.timing.stopGraceMs);
  w.disposers.push(() => clearTimeout(force));
}

/**
 * Asks a worker to stop; kills it as hung if it has not gone within the grace
 * period while it had the CPU to do so (a starved worker gets longer).
 */
export async function stopWorker(s: SessionState, w: WorkerRecord): Promise<void> {
  if (w.gone) return;
  const askedMono = monoMs();
  const evidence = evidenceFor(s, w);
  evidence.restart(askedMono);
  w.handle?.post({ type: 'stop' });
  const graceMs = s.timing.stopGraceMs;
  const slackMs = Math.min(STOP_RECHECK_MS, graceMs / 4);
  let timer: ReturnType<typeof setTimeout>;
  let heardMono = askedMono;
  const judge = () => {
    const now = monoMs();
    // Anything it says (its 'done') restarts the clock: it is answering, and about to exit.
    if (w.lastHeardMono > heardMono) evidence.restart((heardMono = w.lastHeardMono));
    return { now, verdict: judgeSilence({ silentMs: now - heardMono, graceMs, slackMs, kernel: evidence.evidence(now), pressure: machinePressure() }) };
  };
  const check = () => {
    if (w.gone || w.killedAsHung) return;
    if (!judge().verdict.hung) {
      timer = setTimeout(check, slackMs);
      return;
    }
    // Timers run before pending I/O: let its answer, if it is already in the pipe, arrive first.
    setImmediate(() => {
      if (w.gone || w.killedAsHung) return;
      const { now, verdict } = judge();
      if (!verdict.hung) {
        timer = setTimeout(check, slackMs);
        return;
      }
      s.run.mark({ tMs: s.run.relMs(now), kind: 'error', taskId: w.taskId, text: `asked to stop, ${verdict.why}: killed as hung` });
      killAsHung(s, w);
    });
  };
  timer = setTimeout(check, graceMs);
  await w.exited;
  clearTimeout(timer);
}

const STOP_RECHECK_MS = 250;
