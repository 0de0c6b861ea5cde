import type { Trace } from '../../../shared';
import type { Preset, PresetContext } from '../preset';
import { durationOf, runOnce } from './run-once';
import { scenario } from './scenario';
import { activeParallelism, median, peakRssByAddressSpace, r, spawnMs, unitsPerActiveSecond, workerTasks } from './measures';

const WORKERS = 4;
const DURATION_S = 2;

/** Same I/O-bound work on threads and on processes; what each costs. */
export async function compareIo(ctx: PresetContext, scenarioId: string): Promise<{ threads: Trace; processes: Trace; numbers: Record<string, number> }> {
  const durationS = durationOf(ctx, DURATION_S);
  const threads = await runOnce(ctx, scenarioId, { kind: 'thread', workload: 'io', workers: WORKERS, durationS });
  const processes = await runOnce(ctx, scenarioId, { kind: 'process', workload: 'io', workers: WORKERS, durationS });
  // Threads share the app's RSS; a process's RSS is all its own (the number keeps its first name, hostRssMb: output).
  const processRss = [...peakRssByAddressSpace(processes).values()];
  const appPid = workerTasks(threads)[0]?.addressSpace ?? null;
  const numbers = {
    workers: WORKERS,
    threadUnitsPerActiveSecond: r(unitsPerActiveSecond(threads), 1),
    processUnitsPerActiveSecond: r(unitsPerActiveSecond(processes), 1),
    threadSpawnMs: r(median(spawnMs(threads)), 2),
    processSpawnMs: r(median(spawnMs(processes)), 2),
    processRssMbEach: r(median(processRss) / 2 ** 20, 1),
    hostRssMb: r((appPid !== null ? (peakRssByAddressSpace(threads).get(appPid) ?? 0) : 0) / 2 ** 20, 1),
    threadActiveParallelism: r(activeParallelism(threads)),
    processActiveParallelism: r(activeParallelism(processes)),
  };
  return { threads, processes, numbers };
}

/** Throughput within 20% of each other, and processes slower to spawn: the claim holds. */
export function ioSupported(n: Record<string, number>): boolean {
  const t = n.threadUnitsPerActiveSecond!;
  const p = n.processUnitsPerActiveSecond!;
  return Math.min(t, p) >= 0.8 * Math.max(t, p) && n.processSpawnMs! > n.threadSpawnMs!;
}

export function ioSummary(n: Record<string, number>): string {
  return (
    `${n.workers} I/O-bound workers, while they ran: threads ${n.threadUnitsPerActiveSecond} units/s, processes ${n.processUnitsPerActiveSecond} units/s ` +
    `(both mostly waiting: ${n.threadActiveParallelism} and ${n.processActiveParallelism} cores busy). ` +
    `Spawn: thread ${n.threadSpawnMs} ms, process ${n.processSpawnMs} ms; each process holds ~${n.processRssMbEach} MB RSS of its own.`
  );
}

/** The io-threads / io-processes presets: both run the same comparison; the preset's own kind's trace comes first. */
export function ioPreset(id: string, title: string, claim: string, kind: 'thread' | 'process'): Preset {
  return {
    scenario: scenario(id, title, claim, { kind, workload: 'io', workers: WORKERS, durationS: DURATION_S }),
    async run(ctx) {
      const { threads, processes, numbers } = await compareIo(ctx, id);
      const traces = kind === 'thread' ? [threads, processes] : [processes, threads];
      return { traces, verdict: { presetId: id, claim, supported: ioSupported(numbers), numbers, summary: ioSummary(numbers) } };
    },
  };
}
