import { existsSync } from 'node:fs';
import { findRigEntry, spawnRig } from './rig-child';

export interface VictimAbortResult {
  pid: number;
  threadsBefore: number;
  /** Threads of the victim still in /proc after the abort (0: every thread ended). */
  threadsAfter: number;
  signal: string | null;
}

/** Starts the sacrificial process (the victim) with busy threads, aborts it from one of its threads, counts survivors. */
export async function abortVictimWithThreads(threadEntry?: string): Promise<VictimAbortResult> {
  const victim = spawnRig('process', findRigEntry('crash-victim', threadEntry));
  try {
    const ready = await victim.next<{ pid: number; tids: number[] }>((m) => m.type === 'ready', 30_000);
    victim.send({ type: 'abort' });
    const exit = await Promise.race([victim.exited, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
    const threadsAfter = ready.tids.filter((tid) => existsSync(`/proc/${ready.pid}/task/${tid}`)).length;
    return { pid: ready.pid, threadsBefore: ready.tids.length, threadsAfter, signal: exit?.signal ?? null };
  } finally {
    await victim.kill();
  }
}
