import type { MemorySample, Task } from '../../../shared';

/** Tasks that live in Corelanes' own process: its main and sampler threads, and the worker threads it hosts. */
const IN_APP = new Set<Task['kind']>(['main', 'sampler', 'thread', 'gil-thread']);
const PROCESS_KINDS = new Set<Task['kind']>(['process', 'python-process', 'command']);

/** One address space as the Memory panel shows it. */
export interface AddressSpace {
  pid: number;
  /** Corelanes' own process (its worker threads live in it), or a process it started. */
  isApp: boolean;
  /** "Corelanes (this app)", or the process's own lane label. */
  name: string;
  /** Resident memory; null while unknown (no sample yet, or the process is gone and /proc had nothing). */
  rssBytes: number | null;
  /** The threads inside it, in lane order (the sampler is Corelanes' observer, not part of the lesson). */
  threads: Task[];
  /** The largest SharedArrayBuffer its threads hold, and how many hold one. */
  sharedBytes: number;
  sharedBy: string[];
  /** Every task in it has ended. */
  ended: boolean;
}

/**
 * Groups the run's tasks by the address space they use (DESIGN.md: a thread
 * shares its process's memory; a process has its own). Corelanes' own process
 * comes first, then the processes in the order they were started.
 */
export function addressSpaces(
  tasks: readonly Task[],
  memory: { spaces: Record<number, MemorySample>; tasks: Record<string, MemorySample> },
): AddressSpace[] {
  const byPid = new Map<number, Task[]>();
  for (const t of tasks) {
    if (t.addressSpace === null) continue;
    const list = byPid.get(t.addressSpace) ?? [];
    list.push(t);
    byPid.set(t.addressSpace, list);
  }
  for (const s of Object.values(memory.spaces)) if (!byPid.has(s.addressSpace)) byPid.set(s.addressSpace, []);
  const spaces = [...byPid.entries()].map(([pid, inSpace]): AddressSpace => {
    const isApp = inSpace.some((t) => IN_APP.has(t.kind));
    const own = inSpace.find((t) => PROCESS_KINDS.has(t.kind));
    const threads = inSpace.filter((t) => t.kind !== 'sampler');
    const holders = threads.filter((t) => (memory.tasks[t.id]?.sharedBytes ?? 0) > 0);
    const rss = memory.spaces[pid]?.rssBytes;
    return {
      pid,
      isApp,
      name: isApp ? 'Corelanes (this app)' : (own?.label ?? (inSpace[0] ? `process of ${inSpace[0].label}` : `pid ${pid}`)),
      rssBytes: rss !== undefined && rss > 0 ? rss : null,
      threads,
      sharedBytes: Math.max(0, memory.spaces[pid]?.sharedBytes ?? 0, ...holders.map((t) => memory.tasks[t.id]?.sharedBytes ?? 0)),
      sharedBy: holders.map((t) => t.id),
      ended: inSpace.length > 0 && inSpace.every((t) => t.exitMs !== null),
    };
  });
  const started = (s: AddressSpace) => Math.min(...s.threads.map((t) => t.requestedMs), Number.POSITIVE_INFINITY);
  return spaces.sort((a, b) => Number(b.isApp) - Number(a.isApp) || started(a) - started(b) || a.pid - b.pid);
}

/** One line a newcomer can read: how many separate memories the run has, and what they add up to. */
export function memorySummary(spaces: readonly AddressSpace[], starting = 0): string {
  const app = spaces.find((s) => s.isApp);
  const processes = spaces.filter((s) => !s.isApp);
  const workerThreads = app ? app.threads.filter((t) => t.kind !== 'main').length : 0;
  const parts: string[] = [];
  if (workerThreads > 0) parts.push(`${workerThreads} worker thread${workerThreads === 1 ? '' : 's'} share Corelanes' memory`);
  if (processes.length > 0) {
    const known = processes.map((s) => s.rssBytes).filter((b): b is number => b !== null);
    const total = known.reduce((a, b) => a + b, 0);
    const each = known.length === processes.length && known.length > 0 ? `, ${formatRange(known)} each, ${formatMiB(total)} in all` : '';
    parts.push(`${processes.length} process${processes.length === 1 ? '' : 'es'}, each with its own memory${each}`);
  }
  if (starting > 0) parts.push(`${starting} worker${starting === 1 ? '' : 's'} starting`);
  return parts.length > 0 ? `${parts.join('; ')}.` : 'No workers yet.';
}

function formatMiB(bytes: number): string {
  return bytes >= 1 << 30 ? `${(bytes / (1 << 30)).toFixed(1)} GiB` : `${Math.round(bytes / (1 << 20))} MiB`;
}

function formatRange(values: readonly number[]): string {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return Math.round(lo / (1 << 20)) === Math.round(hi / (1 << 20)) ? formatMiB(lo) : `${Math.round(lo / (1 << 20))}-${formatMiB(hi)}`;
}
