import type { MachineLoad, Trace } from '../../../shared';
import type { Preset, PresetContext } from '../preset';
import { makeVerdict, num, otherCoresNumber } from './make-verdict';
import { median as medianOr0, peakRssByAddressSpace, spawnMs, unitsPerActiveSecond } from './measures';
import { repeatMeasured } from './repeat';
import { durationOf, runOnce } from './run-once';
import { scenario } from './scenario';
import { fmt, guard, median, type Judged } from './stats';

const WORKERS = 4;
const REPEAT_S = 1;

export interface IoMeasured {
  /** Per repeat: units per active second of each kind. */
  threadRate: number[];
  processRate: number[];
  /** Every worker's spawn, ms, over all repeats. */
  threadSpawnMs: number[];
  processSpawnMs: number[];
  /** Median RSS of one worker process, bytes. */
  processRssBytes: number;
  machine: MachineLoad;
}

/**
 * io-threads: threads do at least 0.8 x the processes' work per second and
 * start faster. io-processes: processes start slower, hold memory of their
 * own, and do at most 1.25 x the threads' work. Both against each other in
 * the same repeats; a busy machine or disagreeing repeats are inconclusive.
 */
export function judgeIo(m: IoMeasured, side: 'thread' | 'process'): Judged {
  const ratios = m.threadRate.map((t, k) => t / (m.processRate[k] || NaN));
  const ratio = median(ratios);
  const ts = median(m.threadSpawnMs);
  const ps = median(m.processSpawnMs);
  const rates = `threads did ${fmt(median(m.threadRate))} units/s, processes ${fmt(median(m.processRate))}`;
  const spawns = `a thread started in ${fmt(ts)} ms, a process in ${fmt(ps)} ms`;
  const spawnHolds = ps > ts;
  let judged: Judged;
  if (side === 'thread') {
    const sameWork = ratio >= 0.8;
    judged =
      sameWork && spawnHolds
        ? { status: 'supported', explanation: `Threads kept up (${rates}) and ${spawns}.` }
        : sameWork || spawnHolds
          ? { status: 'partly', explanation: `${sameWork ? 'Threads kept up' : 'Threads fell behind'} (${rates}), and ${spawns}.` }
          : { status: 'not-supported', explanation: `Threads fell behind (${rates}) and ${spawns}.` };
  } else {
    const noMoreWork = ratio >= 0.8;
    const ownMemory = m.processRssBytes > 0;
    judged =
      spawnHolds && noMoreWork && ownMemory
        ? { status: 'supported', explanation: `Processes cost more to start (${spawns}), held ${fmt(m.processRssBytes / 2 ** 20)} MB each, and did no more work (${rates}).` }
        : spawnHolds
          ? { status: 'partly', explanation: `Processes cost more to start (${spawns}) but ${noMoreWork ? 'their memory was not measured' : 'did more work'} (${rates}).` }
          : { status: 'not-supported', explanation: `Processes did not cost more to start: ${spawns} (${rates}).` };
  }
  return guard(judged, m.machine, { label: 'threads / processes work per second', values: ratios });
}

/** Same I/O-bound work on threads and on processes, alternating, repeated. */
export async function measureIo(ctx: PresetContext, scenarioId: string, ownKind: 'thread' | 'process'): Promise<{ traces: Trace[]; measured: IoMeasured }> {
  const durationS = durationOf(ctx, REPEAT_S);
  const other = ownKind === 'thread' ? 'process' : 'thread';
  const rep = await repeatMeasured(ctx, async () => {
    const first = await runOnce(ctx, scenarioId, { kind: other, workload: 'io', workers: WORKERS, durationS });
    const own = await runOnce(ctx, scenarioId, { kind: ownKind, workload: 'io', workers: WORKERS, durationS });
    return ownKind === 'thread' ? { threads: own, processes: first } : { threads: first, processes: own };
  });
  const threads = rep.results.map((x) => x.threads);
  const processes = rep.results.map((x) => x.processes);
  return {
    // The preset's own kind's run last: it is the one the page shows.
    traces: rep.results.flatMap((x) => (ownKind === 'thread' ? [x.processes, x.threads] : [x.threads, x.processes])),
    measured: {
      threadRate: threads.map(unitsPerActiveSecond),
      processRate: processes.map(unitsPerActiveSecond),
      threadSpawnMs: threads.flatMap(spawnMs),
      processSpawnMs: processes.flatMap(spawnMs),
      processRssBytes: medianOr0(processes.flatMap((t) => [...peakRssByAddressSpace(t).values()])),
      machine: rep.machine,
    },
  };
}

/** The io-threads / io-processes presets: both run the same comparison and judge their own side of it. */
export function ioPreset(id: string, title: string, claim: string, kind: 'thread' | 'process'): Preset {
  return {
    scenario: scenario(id, title, claim, { kind, workload: 'io', workers: WORKERS, durationS: REPEAT_S }),
    async run(ctx) {
      const { traces, measured: m } = await measureIo(ctx, id, kind);
      const raw: Record<string, number> = { workers: WORKERS, processRssBytes: m.processRssBytes };
      m.threadRate.forEach((v, k) => (raw[`threadUnitsPerSecond.${k + 1}`] = v));
      m.processRate.forEach((v, k) => (raw[`processUnitsPerSecond.${k + 1}`] = v));
      m.threadSpawnMs.forEach((v, k) => (raw[`threadSpawnMs.${k + 1}`] = v));
      m.processSpawnMs.forEach((v, k) => (raw[`processSpawnMs.${k + 1}`] = v));
      const medians = {
        threadUnitsPerSecond: median(m.threadRate),
        processUnitsPerSecond: median(m.processRate),
        threadSpawnMs: median(m.threadSpawnMs),
        processSpawnMs: median(m.processSpawnMs),
      };
      const verdict = makeVerdict({
        presetId: id,
        claim,
        judged: judgeIo(m, kind),
        numbers: [
          num('threadUnitsPerSecond', `${WORKERS} threads: work per second`, medians.threadUnitsPerSecond, 'units/s'),
          num('processUnitsPerSecond', `${WORKERS} processes: work per second`, medians.processUnitsPerSecond, 'units/s'),
          num('threadSpawnMs', 'Thread spawn (median)', medians.threadSpawnMs, 'ms'),
          num('processSpawnMs', 'Process spawn (median)', medians.processSpawnMs, 'ms'),
          num('processRssBytes', 'Memory of one process (RSS)', m.processRssBytes, 'bytes'),
          ...otherCoresNumber(m.machine),
        ],
        charts: [
          { type: 'bars', title: 'Work per second (median of repeats)', unit: 'units/s', bars: [{ label: 'threads', value: medians.threadUnitsPerSecond }, { label: 'processes', value: medians.processUnitsPerSecond }], reference: null },
          { type: 'bars', title: 'Spawn: request to first instruction (median)', unit: 'ms', bars: [{ label: 'thread', value: medians.threadSpawnMs }, { label: 'process', value: medians.processSpawnMs }], reference: null },
        ],
        raw,
        machine: m.machine,
        repeats: { n: m.threadRate.length, medians },
      });
      return { traces, verdict };
    },
  };
}
