import { readFileSync } from 'node:fs';

/** Exact on-CPU ns of one thread of this process (first field of schedstat); null once it is gone. */
export function onCpuNs(tid: number, pid: number = process.pid): number | null {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return null;
  }
}

/**
 * Follows threads' on-CPU time every few ms and keeps the last value read, so
 * the total is known even after a thread ended (its /proc entry is gone then);
 * at most one poll period of CPU is missed.
 */
export function followCpu(tids: number[], everyMs = 5): { stop(): number[] } {
  const first = tids.map((t) => onCpuNs(t) ?? 0);
  const last = [...first];
  const poll = () => tids.forEach((t, i) => {
    const v = onCpuNs(t);
    if (v !== null) last[i] = v;
  });
  const timer = setInterval(poll, everyMs);
  return {
    stop() {
      poll();
      clearInterval(timer);
      return last.map((v, i) => (v - first[i]!) / 1e6);
    },
  };
}
