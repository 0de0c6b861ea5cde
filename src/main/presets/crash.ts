import type { Trace } from '../../shared';
import type { Preset, PresetContext } from './preset';
import { durationOf, scenario, unitsByTask } from './lib';
import { abortVictimWithThreads } from './rigs/crash-rig';

const ID = 'crash';
const CLAIM = 'A crash in a thread can take the whole process down; a process crash is isolated.';
const WORKERS = 3;

/** Runs WORKERS workers of a kind, makes w0 misbehave once they all started, returns the trace. */
async function crashOne(ctx: PresetContext, kind: 'thread' | 'process', how: 'throw' | 'abort', during?: () => Promise<void>): Promise<Trace> {
  const session = await ctx.engine.startRun({ kind, workload: 'cpu', workers: WORKERS, durationS: durationOf(ctx, 2) }, ID);
  const started = new Set<string>();
  const allStarted = new Promise<void>((resolve) => {
    const offStart = session.subscribe((e) => {
      if (e.type === 'task' && e.task.startedMs !== null && e.task.id.startsWith('w')) started.add(e.task.id);
      if (started.size >= WORKERS) {
        offStart();
        resolve();
      }
    });
  });
  await Promise.race([allStarted, new Promise((r) => setTimeout(r, 10_000))]);
  session.misbehave('w0', how);
  if (during) await during();
  return session.done;
}

function survivors(trace: Trace): { crashed: boolean; others: number; othersWorked: number } {
  const w0 = trace.tasks.find((t) => t.id === 'w0');
  const units = unitsByTask(trace);
  const others = trace.tasks.filter((t) => /^w\d+$/.test(t.id) && t.id !== 'w0');
  return {
    crashed: w0?.exitReason === 'crashed' || w0?.exitReason === 'killed' || w0?.exitReason === 'exited',
    others: others.filter((t) => t.exitReason === 'finished' || t.exitReason === 'stopped').length,
    othersWorked: others.filter((t) => (units.get(t.id) ?? 0) > 0).length,
  };
}

export const crash: Preset = {
  scenario: scenario(ID, 'Crash: a thread, a process with threads, a process', CLAIM, { kind: 'thread', workers: WORKERS }),
  async run(ctx) {
    const appPid = process.pid;
    const threadTrace = await crashOne(ctx, 'thread', 'throw');
    let victim: Awaited<ReturnType<typeof abortVictimWithThreads>> | null = null;
    // The sacrificial process is aborted while an unrelated run of processes goes on.
    const processTrace = await crashOne(ctx, 'process', 'abort', async () => {
      victim = await abortVictimWithThreads(ctx.threadEntry);
    });
    const t = survivors(threadTrace);
    const p = survivors(processTrace);
    const h = victim as Awaited<ReturnType<typeof abortVictimWithThreads>> | null;
    const numbers = {
      threadCrashEnded: t.crashed ? 1 : 0,
      threadCrashSurvivors: t.others,
      // The number names are output (`corelanes run --json`): they keep their first names.
      hostThreadsBefore: h?.threadsBefore ?? 0,
      hostThreadsAfter: h?.threadsAfter ?? -1,
      processCrashEnded: p.crashed ? 1 : 0,
      processCrashSurvivors: p.others,
      otherWorkers: WORKERS - 1,
      appAlive: process.pid === appPid ? 1 : 0,
    };
    const supported = t.crashed && t.others === WORKERS - 1 && h !== null && h.threadsAfter === 0 && h.threadsBefore > 1 && p.crashed && p.others === WORKERS - 1;
    const summary =
      `Uncaught exception in a worker thread: that worker ended, ${t.others}/${WORKERS - 1} other threads of the process went on (Node isolates a thread's exception). ` +
      `Fatal abort in a process with ${h?.threadsBefore ?? '?'} threads: ${h ? h.threadsBefore - h.threadsAfter : '?'} of them ended with it (${h?.signal ?? 'no signal'}). ` +
      `Abort of a worker process: only it ended, ${p.others}/${WORKERS - 1} other processes went on. Corelanes itself survived every case.`;
    return { traces: [threadTrace, processTrace], verdict: { presetId: ID, claim: CLAIM, supported, numbers, summary } };
  },
};
