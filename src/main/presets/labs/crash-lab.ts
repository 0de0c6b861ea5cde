import { existsSync } from 'node:fs';
import { findLabEntry, spawnLabProcess, type LabHost } from './lab-child';

export interface HostAbortResult {
  pid: number;
  threadsBefore: number;
  /** Threads of the host still in /proc after the abort (0: every thread ended). */
  threadsAfter: number;
  signal: string | null;
}

/** Starts the sacrificial host process with busy threads, aborts it from one of its threads, counts survivors. */
export async function abortHostWithThreads(labs: LabHost): Promise<HostAbortResult> {
  const host = spawnLabProcess(findLabEntry('crash-host', labs.threadEntry), labs.processHost);
  try {
    const ready = await host.next<{ pid: number; tids: number[] }>((m) => m.type === 'ready', 30_000);
    host.send({ type: 'abort' });
    const exit = await Promise.race([host.exited, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
    const threadsAfter = ready.tids.filter((tid) => existsSync(`/proc/${ready.pid}/task/${tid}`)).length;
    return { pid: ready.pid, threadsBefore: ready.tids.length, threadsAfter, signal: exit?.signal ?? null };
  } finally {
    await host.kill();
  }
}
