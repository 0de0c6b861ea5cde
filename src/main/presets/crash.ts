import type { Trace } from '../../shared';
import type { Preset, PresetContext } from './preset';
import { durationOf, scenario } from './lib';
import { abortVictimWithThreads, type VictimAbortResult } from './rigs/crash-rig';
import { startLoadMeter } from '../../node/proc/machine-load';
import { makeVerdict, num } from './lib/make-verdict';
import type { Judged } from './lib/stats';

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

function survivors(trace: Trace): { crashed: boolean; others: number } {
  const w0 = trace.tasks.find((t) => t.id === 'w0');
  const others = trace.tasks.filter((t) => /^w\d+$/.test(t.id) && t.id !== 'w0');
  return {
    crashed: w0?.exitReason === 'crashed' || w0?.exitReason === 'killed' || w0?.exitReason === 'exited',
    others: others.filter((t) => t.exitReason === 'finished' || t.exitReason === 'stopped').length,
  };
}

export interface CrashOutcomes {
  thread: { crashed: boolean; others: number };
  victim: { threadsBefore: number; threadsAfter: number; signal: string | null } | null;
  process: { crashed: boolean; others: number };
  otherWorkers: number;
}

/** Each case as the claim says it ends: the thread alone ends, the aborted process takes all its threads, the worker process ends alone. */
export function crashCases(o: CrashOutcomes) {
  const v = o.victim;
  return [
    { label: 'exception in a worker thread', outcome: `${o.thread.crashed ? 'that thread ended' : 'that thread did not end'}, ${o.thread.others}/${o.otherWorkers} other threads went on`, asClaimed: o.thread.crashed && o.thread.others === o.otherWorkers },
    { label: 'abort in a process with threads', outcome: v ? `${v.threadsBefore - v.threadsAfter} of ${v.threadsBefore} threads ended with it (${v.signal ?? 'no signal'})` : 'the victim process did not start', asClaimed: v !== null && v.threadsBefore > 1 && v.threadsAfter === 0 },
    { label: 'abort of a worker process', outcome: `${o.process.crashed ? 'it ended' : 'it did not end'}, ${o.process.others}/${o.otherWorkers} other processes went on`, asClaimed: o.process.crashed && o.process.others === o.otherWorkers },
  ];
}

export function judgeCrash(o: CrashOutcomes): Judged {
  const cases = crashCases(o);
  const off = cases.filter((c) => !c.asClaimed);
  if (o.victim === null) return { status: 'inconclusive', explanation: 'Inconclusive: the process meant to abort with its threads did not start, so one case was not measured.' };
  const all = cases.map((c) => `${c.label}: ${c.outcome}`).join('; ');
  return off.length === 0
    ? { status: 'supported', explanation: `Each crash ended what the claim says and nothing more (${all}).` }
    : { status: 'not-supported', explanation: `${off.map((c) => c.label).join(' and ')} ended otherwise (${all}).` };
}

export const crash: Preset = {
  scenario: scenario(ID, 'Crash: a thread, a process with threads, a process', CLAIM, { kind: 'thread', workers: WORKERS }),
  async run(ctx) {
    const cores = (await ctx.engine.machine()).logicalCores;
    const meter = startLoadMeter(cores);
    const threadTrace = await crashOne(ctx, 'thread', 'throw');
    let victim: VictimAbortResult | null = null;
    // The sacrificial process is aborted while an unrelated run of processes goes on.
    const processTrace = await crashOne(ctx, 'process', 'abort', async () => {
      victim = await abortVictimWithThreads(ctx);
    });
    const h = victim as VictimAbortResult | null;
    const o: CrashOutcomes = { thread: survivors(threadTrace), victim: h, process: survivors(processTrace), otherWorkers: WORKERS - 1 };
    const raw = {
      threadCrashEnded: o.thread.crashed ? 1 : 0,
      threadCrashSurvivors: o.thread.others,
      // The number names are output (`corelanes run --json`): they keep their first names.
      hostThreadsBefore: h?.threadsBefore ?? 0,
      hostThreadsAfter: h?.threadsAfter ?? -1,
      processCrashEnded: o.process.crashed ? 1 : 0,
      processCrashSurvivors: o.process.others,
      otherWorkers: WORKERS - 1,
    };
    const verdict = makeVerdict({
      presetId: ID,
      claim: CLAIM,
      judged: judgeCrash(o),
      numbers: [
        num('threadCrashSurvivors', 'Threads that went on after one threw', o.thread.others, `of ${WORKERS - 1}`),
        num('hostThreadsBefore', 'Threads in the aborted process', h?.threadsBefore ?? 0, ''),
        num('hostThreadsAfter', 'Of them still alive after the abort', h?.threadsAfter ?? 0, ''),
        num('processCrashSurvivors', 'Processes that went on after one aborted', o.process.others, `of ${WORKERS - 1}`),
      ],
      charts: [{ type: 'outcomes', title: 'What each crash ended', cases: crashCases(o) }],
      raw,
      machine: { cores, otherCores: meter.stop(), baselineCores: null },
      repeats: { n: 1, medians: {} },
    });
    return { traces: [threadTrace, processTrace], verdict };
  },
};
