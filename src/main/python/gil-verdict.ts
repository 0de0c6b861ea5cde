import { VerdictSchema, type Trace, type Verdict, type VerdictNumber } from '../../shared';

/**
 * A GIL verdict for a traced Python program ("Run my own program",
 * `corelanes trace`), inferred from the cores its threads used: N CPU-hungry
 * threads of one CPython process with a GIL that together use about one core
 * took turns. Pure: the facts are read off the trace (gilFactsOf), the
 * judgement is numbers in, verdict out (judgeTracedGil).
 */

export const TRACED_GIL_CLAIM = 'With a GIL, CPU-bound threads take turns: concurrent, not parallel';

/** At most this many cores' worth for "took turns" (one core, plus the interpreter's own overhead and sampling). */
const TURNS_MAX_CORES = 1.15;
/** "In parallel": at least this share of the cores the hungry threads could have had. */
const PARALLEL_SHARE = 0.8;
/** A thread is CPU-hungry when it was on a CPU at least this share of the window. */
const HUNGRY_SHARE = 0.1;
/** A window shorter than this says nothing (a thread start-up, a blip). */
const MIN_WINDOW_MS = 200;
/** Fewer free cores than this (others' load taken off) cannot show parallel threads. */
const MIN_FREE_CORES = 1.5;

export interface GilProcessFacts {
  pid: number;
  label: string;
  /** From the second of its busy threads starting to compute to the second-to-last one stopping (ms); 0 when they never overlapped. */
  windowMs: number;
  /** Threads that used at least HUNGRY_SHARE of a core over the window. */
  hungryThreads: number;
  /** On-CPU ms of all its threads inside the window. */
  cpuMs: number;
  /** Inferred GIL-wait ms of its threads inside the window. */
  gilWaitMs: number;
}

export interface TracedGilInput {
  /** One entry per CPython process with a GIL; empty: no verdict. */
  processes: GilProcessFacts[];
  /** Logical cores. */
  cores: number;
  /** Cores' worth of CPU other programs used during the run; null where the OS does not say. */
  otherCores: number | null;
}

interface Span {
  first: number;
  last: number;
  cpuMs: number;
}

/** On-CPU ms of a segment list inside [a, b), segments split in proportion. */
function cpuIn(segs: Trace['segments'], a: number, b: number, pick: (s: Trace['segments'][number]) => number): number {
  let ms = 0;
  for (const s of segs) {
    const lo = Math.max(a, s.startMs);
    const hi = Math.min(b, s.endMs);
    if (hi > lo && s.endMs > s.startMs) ms += pick(s) * ((hi - lo) / (s.endMs - s.startMs));
  }
  return ms;
}

/** The facts of each CPython process with a GIL (`gilPids`) in a trace. */
export function gilFactsOf(trace: Trace, gilPids: ReadonlySet<number>): GilProcessFacts[] {
  const out: GilProcessFacts[] = [];
  for (const pid of gilPids) {
    const threads = trace.tasks.filter((t) => t.pid === pid && (t.kind === 'python-thread' || t.kind === 'python-process'));
    if (threads.length === 0) continue;
    const segsOf = new Map(threads.map((t) => [t.id, trace.segments.filter((s) => s.taskId === t.id)]));
    const spans: Span[] = [];
    for (const t of threads) {
      const busy = (segsOf.get(t.id) ?? []).filter((s) => s.onCpuNs > 0);
      if (busy.length) spans.push({ first: busy[0]!.startMs, last: busy.at(-1)!.endMs, cpuMs: busy.reduce((a, s) => a + s.onCpuNs / 1e6, 0) });
    }
    const total = spans.reduce((a, s) => a + s.cpuMs, 0);
    const busy = spans.filter((s) => s.cpuMs >= Math.max(20, 0.05 * total));
    const firsts = busy.map((s) => s.first).sort((a, b) => a - b);
    const lasts = busy.map((s) => s.last).sort((a, b) => b - a);
    const from = firsts[1] ?? 0;
    const to = lasts[1] ?? 0;
    const windowMs = Math.max(0, to - from);
    const all = threads.flatMap((t) => segsOf.get(t.id) ?? []);
    const perThread = threads.map((t) => cpuIn(segsOf.get(t.id) ?? [], from, to, (s) => s.onCpuNs / 1e6));
    const main = threads.find((t) => t.tid === pid);
    out.push({
      pid,
      label: main?.label ?? `python pid ${pid}`,
      windowMs,
      hungryThreads: windowMs > 0 ? perThread.filter((ms) => ms >= HUNGRY_SHARE * windowMs).length : Math.min(1, busy.length),
      cpuMs: windowMs > 0 ? cpuIn(all, from, to, (s) => s.onCpuNs / 1e6) : 0,
      gilWaitMs: windowMs > 0 ? cpuIn(all.filter((s) => s.state === 'gil-wait'), from, to, (s) => s.endMs - s.startMs) : 0,
    });
  }
  return out;
}

const r = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

/** The verdict on the process with the most CPU-hungry threads, or null when the program ran no CPython with a GIL. */
export function judgeTracedGil(input: TracedGilInput): Verdict | null {
  if (input.processes.length === 0) return null;
  const p = [...input.processes].sort((a, b) => b.hungryThreads - a.hungryThreads || b.cpuMs - a.cpuMs)[0]!;
  const used = p.windowMs > 0 ? p.cpuMs / p.windowMs : 0;
  const free = input.cores - (input.otherCores ?? 0);
  const couldUse = Math.min(p.hungryThreads, free);
  const numbers: VerdictNumber[] = [
    { key: 'hungryThreads', label: 'CPU-hungry threads', value: p.hungryThreads, unit: '' },
    { key: 'coresUsed', label: 'cores they used together', value: r(used), unit: 'cores' },
    { key: 'freeCores', label: 'cores free of other programs', value: r(free), unit: 'cores' },
    { key: 'windowMs', label: 'time they computed together', value: r(p.windowMs, 1), unit: 'ms' },
    { key: 'gilWaitMs', label: 'inferred GIL wait', value: r(p.gilWaitMs, 1), unit: 'ms' },
    { key: 'otherCores', label: 'cores other programs used', value: r(input.otherCores ?? 0), unit: 'cores' },
  ];
  const who = `${p.hungryThreads} CPU-hungry threads of ${p.label}`;
  let status: Verdict['status'];
  let explanation: string;
  if (input.cores < 2) {
    status = 'inconclusive';
    explanation = 'This machine has one core: threads take turns on it with or without a GIL.';
  } else if (p.hungryThreads < 2 || p.windowMs < MIN_WINDOW_MS) {
    status = 'inconclusive';
    explanation =
      p.hungryThreads < 2
        ? `No two threads of ${p.label} computed at the same time, so there was nothing to take turns over: run CPU-bound work in two or more threads.`
        : `Its threads computed together for only ${r(p.windowMs, 0)} ms, too short to tell: let them compute for a second or more.`;
  } else if (free < MIN_FREE_CORES) {
    status = 'inconclusive';
    explanation = `The machine was busy (other programs used ${r(input.otherCores ?? 0, 1)} of ${input.cores} cores), so its threads could not have run in parallel anyway: run it again on a quieter machine.`;
  } else if (used <= TURNS_MAX_CORES) {
    status = 'supported';
    explanation = `${who} used ${r(used)} cores together while ${r(free, 1)} were free: they took turns, as the GIL makes them (inferred from the cores they used).`;
  } else if (used >= PARALLEL_SHARE * couldUse) {
    status = 'not-supported';
    explanation = `${who} used ${r(used)} cores together: they ran in parallel, so no GIL held them back (a free-threaded build, or code that releases the GIL).`;
  } else {
    status = 'partly';
    explanation = `${who} used ${r(used)} cores together, more than one but less than the ${r(couldUse, 1)} they could have: part of their work ran outside the GIL (I/O, or C code that releases it).`;
  }
  return VerdictSchema.parse({
    version: 2,
    presetId: 'trace',
    claim: TRACED_GIL_CLAIM,
    status,
    explanation,
    numbers,
    // Look rather than read: the cores they used against what they could have had, one core = taking turns.
    charts:
      p.hungryThreads >= 2
        ? [{ type: 'bars', title: 'Cores its threads used together', unit: 'cores', bars: [{ label: 'used', value: r(used) }, { label: 'could have used', value: r(Math.max(0, couldUse)) }], reference: { label: 'one core: taking turns', value: 1 } }]
        : [],
    raw: Object.fromEntries(numbers.map((n) => [n.key, n.value]).concat([['pid', p.pid], ['cpuMs', r(p.cpuMs, 1)]])),
    machine: { cores: input.cores, otherCores: input.otherCores === null ? null : r(input.otherCores), baselineCores: null },
    repeats: { n: 1, medians: {} },
  });
}
